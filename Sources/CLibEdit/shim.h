// libedit through its readline-compatible API (see ../shared/LIBEDIT.md §3).
#include <stdio.h>
#include <editline/readline.h>
