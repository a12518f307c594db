-- Loaded at startup: the `news` filetype and the :NewslsQuotes command. Starting the server is
-- left to `vim.lsp.enable('newsls')` or `require('newsls').setup{}`.

if vim.g.loaded_newsls then
  return
end
vim.g.loaded_newsls = true

vim.filetype.add({ extension = { news = 'news', article = 'news' } })

vim.api.nvim_create_user_command('NewslsQuotes', function()
  require('newsls').quotes()
end, { desc = 'newsls: quotes of this article by speaker, in the location list' })
