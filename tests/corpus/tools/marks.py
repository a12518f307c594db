"""Shared helpers for the corpus tools: quotation-mark pairs per line (stdlib only)."""

OPENING = '“"«‘\'‹„'
CLOSING = '”"»’\'›“'


def double_pairs(text):
    """Every double-quote pair (curly “…”, straight "…", guillemets «…», German „…“) of each line, as
    (start, end) code-point offsets of the content between the marks (untrimmed). Pairs never
    cross a line break; an opening mark left open runs to the end of its line (a paragraph of a
    quotation that runs on, or a broken mark). A closing mark with no opening is ignored."""
    pairs = []
    offset = 0
    for line in text.split('\n'):
        open_at = None
        opener = None
        for i, ch in enumerate(line):
            at = offset + i
            if open_at is None:
                if ch in '“«„' or ch == '"':
                    open_at, opener = at + 1, ch
            else:
                closes = ((opener == '“' and ch == '”') or (opener == '«' and ch == '»') or (opener == '"' and ch == '"')
                          or (opener == '„' and ch in '“”'))
                if closes:
                    pairs.append((open_at, at))
                    open_at = None
        if open_at is not None:
            pairs.append((open_at, offset + len(line)))
        offset += len(line) + 1
    return pairs


def starts_quote_piece(text, start):
    """Whether a quoted span may start here: after an opening mark (and spaces), or at a line start."""
    i = start - 1
    while i >= 0 and text[i] in ' \u00a0\u2009\u202f':
        i -= 1
    return i < 0 or text[i] == '\n' or text[i] in OPENING


def ends_quote_piece(text, end):
    """Whether a quoted span may end here: before a closing mark (and spaces), or at a line end."""
    i = end
    while i < len(text) and text[i] in ' \u00a0\u2009\u202f':
        i += 1
    return i >= len(text) or text[i] == '\n' or text[i] in CLOSING
