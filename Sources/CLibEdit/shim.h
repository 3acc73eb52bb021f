// libedit through its readline-compatible API (docs/libedit.md says why this API).
#include <stdio.h>
#include <editline/readline.h>
