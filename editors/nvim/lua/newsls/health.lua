-- `:checkhealth newsls`: Neovim version, the server binary and its version, running clients.

local M = {}

function M.check()
  local health = vim.health
  health.start('newsls')

  if vim.fn.has('nvim-0.11') == 1 then
    health.ok('Neovim ' .. tostring(vim.version()))
  else
    health.error('Neovim 0.11 or newer is needed (vim.lsp.config / vim.lsp.enable)')
    return
  end

  local config = vim.lsp.config.newsls
  if not config then
    health.error('no `newsls` LSP config: put the plugin folder (editors/nvim) on runtimepath')
    return
  end
  local cmd = config.cmd
  if type(cmd) ~= 'table' or cmd[1] == nil then
    health.info('cmd is a function; cannot check the binary')
  else
    local binary = vim.fn.exepath(cmd[1])
    if binary == '' then
      health.error(('newsls binary not found: %s'):format(cmd[1]), {
        'Install it with `cargo install --path .` in the newsls repository (puts newsls on PATH)',
        'or point to it: require("newsls").setup{ cmd = { "/path/to/newsls" } }',
      })
    else
      local done = vim.system({ binary, '--version' }, { text = true }):wait(5000)
      local version = vim.trim((done.stdout or '') .. '')
      if done.code == 0 and version ~= '' then
        health.ok(('found %s (%s)'):format(binary, version))
      else
        health.warn(('found %s, but `newsls --version` failed (exit %s): %s'):format(
          binary,
          tostring(done.code),
          vim.trim(done.stderr or '')
        ))
      end
    end
  end

  local enabled = vim.lsp.is_enabled and vim.lsp.is_enabled('newsls')
  if enabled == false then
    health.warn('newsls is not enabled', { "call vim.lsp.enable('newsls') or require('newsls').setup{}" })
  end
  health.info('filetypes: ' .. table.concat(config.filetypes or {}, ', '))

  local clients = vim.lsp.get_clients({ name = 'newsls' })
  if #clients == 0 then
    health.info('no newsls server running (open an article to start one)')
  end
  for _, client in ipairs(clients) do
    health.ok(('server %d running for %d buffers, position encoding %s, root %s'):format(
      client.id,
      vim.tbl_count(client.attached_buffers),
      client.offset_encoding,
      client.root_dir or '(single file)'
    ))
  end
end

return M
