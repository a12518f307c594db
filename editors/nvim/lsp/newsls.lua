-- The newsls language server for Neovim 0.11+: with this folder on 'runtimepath',
-- `vim.lsp.enable('newsls')` starts it for plain text, Markdown and .news articles.
-- Change anything with `vim.lsp.config('newsls', { … })` or `require('newsls').setup{ … }`.

---@type vim.lsp.Config
return {
  cmd = { 'newsls' },
  filetypes = { 'text', 'markdown', 'news' },
  -- An article needs no project: without a marker the server runs for the single file.
  root_markers = { '.newsls.toml', '.git' },
  -- Sent to the server as `workspace/didChangeConfiguration` after it starts, and as the answer to
  -- its `workspace/configuration` requests.
  settings = {
    newsls = {
      -- Per check, a severity instead of its own (error, warning, information, hint, off), e.g.
      -- severity = { ['unattributed-quote'] = 'hint', ['unbalanced-quote-mark'] = 'off' }
      diagnostics = { enable = true },
      outline = { grouping = 'speaker' },
      inlayHints = { enable = true },
    },
  },
}
