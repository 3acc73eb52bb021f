extension HTMLNotebookWriter {
    /// The page's CSS: a notebook look on screen (prompts in a left column, sources on a tinted
    /// background, outputs below), and on paper (no tints, cells kept whole, plots scaled to
    /// the page). System font stacks only; no `<` or `&`, so the page stays well-formed XML.
    static let styleSheet = """
    :root { --prompt: 7.5em; --ink: #1f2328; --muted: #6e7781; --tint: #f6f8fa; --rule: #d0d7de; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--ink); background: #ffffff;
      font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; }
    main.notebook { max-width: 1000px; margin: 0 auto; padding: 24px 20px 48px; }
    header h1 { font-size: 1.6em; margin: 0 0 4px; }
    header .meta { color: var(--muted); margin: 0 0 24px; }
    header .intro { margin: 0 0 12px; white-space: pre-line; }
    .cell { margin: 0 0 14px; }
    .input, .output { display: flex; align-items: flex-start; }
    .prompt { flex: 0 0 var(--prompt); padding: 6px 10px 0 0; text-align: right; color: var(--muted);
      font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: nowrap; }
    .input .prompt { color: #2f6fad; }
    .output .prompt { color: #b34a1f; }
    pre { margin: 0; padding: 6px 10px; overflow-x: auto; flex: 1 1 auto; min-width: 0;
      font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    pre.source { background: var(--tint); border: 1px solid var(--rule); border-radius: 4px; }
    .results { flex: 1 1 auto; min-width: 0; }
    .results pre.text { padding-left: 11px; }
    figure.plot { margin: 6px 0 6px 11px; }
    figure.plot svg { max-width: 100%; height: auto; }
    .keyword { color: #8250df; font-weight: 600; }
    .builtin { color: #0550ae; }
    .option { color: #116329; }
    .number { color: #0a3069; }
    .string { color: #a40e26; }
    .comment { color: #6e7781; font-style: italic; }
    .operator { color: #cf222e; }
    .punctuation { color: #57606a; }
    @media print {
      body { font-size: 11pt; }
      main.notebook { max-width: none; padding: 0; }
      pre.source { background: none; border-color: #999999; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; }
      pre.text { font-size: 9pt; }
      .cell { break-inside: avoid; page-break-inside: avoid; }
      figure.plot { break-inside: avoid; }
    }
    """
}
