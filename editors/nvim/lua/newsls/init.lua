-- newsls for Neovim: `require('newsls').setup{}` configures and enables the newsls language
-- server (the defaults live in lsp/newsls.lua), and `:NewslsQuotes` fills the location list with
-- the article's quotes grouped by speaker.

local M = {}

local quotes = require('newsls.quotes')

---@class newsls.Options
---@field cmd? string[]|fun(dispatchers: vim.lsp.rpc.Dispatchers): vim.lsp.rpc.PublicClient
---@field cmd_env? table<string, string>
---@field filetypes? string[]
---@field root_markers? string[]
---@field settings? table the `newsls` settings (diagnostics, outline, inlayHints), merged into the defaults
---@field on_attach? fun(client: vim.lsp.Client, bufnr: integer)
---@field capabilities? lsp.ClientCapabilities
---@field enable? boolean start the server for matching buffers (default true)

--- Configures newsls and enables it (Neovim 0.11+).
---@param options? newsls.Options
function M.setup(options)
  options = options or {}
  if vim.fn.has('nvim-0.11') == 0 then
    vim.notify('newsls needs Neovim 0.11 or newer (vim.lsp.config)', vim.log.levels.ERROR)
    return
  end
  local config = {}
  for _, key in ipairs({ 'cmd', 'cmd_env', 'filetypes', 'root_markers', 'on_attach', 'capabilities' }) do
    if options[key] ~= nil then
      config[key] = options[key]
    end
  end
  if options.settings ~= nil then
    config.settings = { newsls = options.settings }
  end
  vim.lsp.config('newsls', config)
  if options.enable ~= false then
    vim.lsp.enable('newsls')
  end
end

--- Changes settings of the running servers (and of those started later): the server gets
--- `workspace/didChangeConfiguration` with the whole merged `newsls` section.
---@param settings table part of the `newsls` settings, e.g. `{ outline = { grouping = 'document' } }`
function M.update_settings(settings)
  vim.lsp.config('newsls', { settings = { newsls = settings } })
  for _, client in ipairs(vim.lsp.get_clients({ name = 'newsls' })) do
    client.settings = vim.tbl_deep_extend('force', client.settings or {}, { newsls = settings })
    client:notify('workspace/didChangeConfiguration', { settings = client.settings })
    -- With pull diagnostics the server can only ask the client to pull again
    -- (workspace/diagnostic/refresh), which this Neovim may not advertise: pull again here so
    -- that severities follow the new settings without waiting for the next edit.
    if client:supports_method('textDocument/diagnostic') then
      for bufnr in pairs(client.attached_buffers) do
        client:request('textDocument/diagnostic', {
          textDocument = vim.lsp.util.make_text_document_params(bufnr),
        }, nil, bufnr)
      end
    end
  end
end

--- The newsls client attached to a buffer, if any.
---@param bufnr integer
---@return vim.lsp.Client?
function M.client(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'newsls' })[1]
end

--- Fills the location list of the current window with the quotes of its article, grouped by
--- speaker, and opens it. `on_done(items)` is called with the items (for scripts and tests).
---@param opts? { bufnr?: integer, open?: boolean, on_done?: fun(items: vim.quickfix.entry[]) }
function M.quotes(opts)
  opts = opts or {}
  local bufnr = opts.bufnr or vim.api.nvim_get_current_buf()
  local window = vim.api.nvim_get_current_win()
  local client = M.client(bufnr)
  if not client then
    vim.notify('newsls: no newsls server attached to this buffer (see :checkhealth newsls)', vim.log.levels.WARN)
    return
  end
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
  client:request('textDocument/documentSymbol', params, function(err, result)
    if err then
      vim.notify('newsls: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return
    end
    local groups = quotes.by_speaker(result)
    local items = quotes.loclist_items(groups, bufnr, client.offset_encoding)
    if vim.api.nvim_win_is_valid(window) then
      vim.fn.setloclist(window, {}, ' ', {
        title = ('newsls: %d quotes by speaker'):format(#items),
        items = items,
      })
      if opts.open ~= false and #items > 0 then
        vim.api.nvim_win_call(window, function()
          vim.cmd('lopen')
        end)
      end
    end
    if #items == 0 then
      vim.notify('newsls: no quotes in this article', vim.log.levels.INFO)
    end
    if opts.on_done then
      opts.on_done(items)
    end
  end, bufnr)
end

return M
