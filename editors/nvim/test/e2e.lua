-- End-to-end test of newsls in a real headless Neovim, run by editors/test-nvim.sh:
--   nvim --headless --clean -u editors/nvim/test/e2e.lua
-- with NEWSLS_BIN (the server), NEWSLS_ARTICLE (the sample article) and NEWSLS_PLUGIN (the
-- editors/nvim folder) in the environment. It exits 0 when every check passed, 1 when one
-- failed, 2 on a setup error and 3 on the overall timeout, and ends with "N passed, N failed".

local TIMEOUT_MS = tonumber(vim.env.NEWSLS_TEST_TIMEOUT_MS) or 120000
local plugin = assert(vim.env.NEWSLS_PLUGIN, 'NEWSLS_PLUGIN is not set')
local binary = assert(vim.env.NEWSLS_BIN, 'NEWSLS_BIN is not set')
local article = assert(vim.env.NEWSLS_ARTICLE, 'NEWSLS_ARTICLE is not set')

vim.opt.runtimepath:prepend(plugin)
vim.opt.swapfile = false
vim.opt.showmode = false
vim.opt.shadafile = 'NONE'
vim.cmd('runtime plugin/newsls.lua')

local passed, failed = 0, 0
local function say(text)
  io.stdout:write(text .. '\n')
  io.stdout:flush()
end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    say('ok     ' .. name)
  else
    failed = failed + 1
    say('FAILED ' .. name .. (detail and ('\n         ' .. detail:gsub('\n', '\n         ')) or ''))
  end
  return ok
end
local function finish(code)
  say(('%d passed, %d failed'):format(passed, failed))
  os.exit(code or (failed == 0 and 0 or 1))
end
local function abort(message)
  say('SETUP ERROR ' .. message)
  failed = failed + 1
  finish(2)
end

-- Bounded in time whatever happens: a timer fires even while a vim.wait below is blocking.
local deadline = vim.uv.new_timer()
deadline:start(TIMEOUT_MS, 0, function()
  say(('TIMEOUT after %d ms'):format(TIMEOUT_MS))
  failed = failed + 1
  say(('%d passed, %d failed'):format(passed, failed))
  os.exit(3)
end)

-- Record every diagnostics result the client gets, pushed or pulled, with its document version.
local published = {} ---@type { uri: string, version: integer?, diagnostics: lsp.Diagnostic[] }[]
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx)
  if result then
    table.insert(published, { uri = result.uri, version = result.version, diagnostics = result.diagnostics })
  end
  return publish(err, result, ctx)
end
local pull = vim.lsp.handlers['textDocument/diagnostic']
vim.lsp.handlers['textDocument/diagnostic'] = function(err, result, ctx)
  if result and result.items and ctx.params then
    table.insert(published, { uri = ctx.params.textDocument.uri, version = nil, diagnostics = result.items })
  end
  return pull(err, result, ctx)
end

local function text_of(value)
  if type(value) == 'string' then
    return value
  elseif type(value) == 'table' then
    if value.value then
      return value.value
    end
    local parts = {}
    for _, part in ipairs(value) do
      table.insert(parts, text_of(part))
    end
    return table.concat(parts, '\n')
  end
  return ''
end

local function main()
  require('newsls').setup({ cmd = { binary } })

  vim.cmd.edit(vim.fn.fnameescape(article))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  check('the article opens as filetype text', vim.bo[bufnr].filetype == 'text', 'filetype: ' .. vim.bo[bufnr].filetype)

  local newsls = require('newsls')
  local attached = vim.wait(20000, function()
    local client = newsls.client(bufnr)
    return client ~= nil and client.initialized == true
  end, 20)
  if not check('the newsls client attaches and initializes', attached) then
    abort('no client; is NEWSLS_BIN a working newsls? ' .. binary)
  end
  local client = assert(newsls.client(bufnr))
  say(('       server %s, position encoding %s'):format(
    client.server_info and (client.server_info.name .. ' ' .. (client.server_info.version or '')) or '?',
    client.offset_encoding
  ))

  -- Wait for the first diagnostics of the article (an empty list counts: the sample may have none).
  local got_diagnostics = vim.wait(20000, function()
    for _, result in ipairs(published) do
      if result.uri == uri then
        return true
      end
    end
    return false
  end, 20)
  check('diagnostics arrive for the article', got_diagnostics)

  -- The outline: Ali Khamenei's quotes grouped under him. These are the lines (1-based) of the
  -- sample's direct quotations; the article quotes only him, each with a cue ("he said", "the
  -- Leader remarked", "He noted, …") or as the continuation of his quote before (line 15). Line
  -- 51 is left out: whether it continues his quote is a judgement call.
  local expected_lines = { 5, 11, 15, 19, 23, 27, 29, 35, 37, 43, 45, 57 }
  local params = { textDocument = { uri = uri } }
  local response = client:request_sync('textDocument/documentSymbol', params, 10000, bufnr)
  local symbols = response and response.result
  if check('textDocument/documentSymbol answers', symbols ~= nil and #symbols > 0, vim.inspect(response and response.err)) then
    local groups = require('newsls.quotes').by_speaker(symbols)
    local summary = {}
    for _, group in ipairs(groups) do
      local lines = {}
      for _, quote in ipairs(group.quotes) do
        table.insert(lines, quote.range.start.line + 1)
      end
      table.insert(summary, ('%s: lines %s'):format(group.speaker, table.concat(lines, ', ')))
    end
    local outline = table.concat(summary, '\n')
    say('       outline speakers:\n         ' .. outline:gsub('\n', '\n         '))

    local khamenei = vim.tbl_filter(function(group)
      return group.attributed and group.speaker:find('Khamenei') ~= nil
    end, groups)
    check('exactly one speaker group for Ali Khamenei', #khamenei == 1, outline)
    local his = khamenei[1]
    check('the group is named with his full name', his ~= nil and his.speaker:find('Ali Khamenei') ~= nil, his and his.speaker)
    local his_lines = {}
    for _, quote in ipairs(his and his.quotes or {}) do
      his_lines[quote.range.start.line + 1] = true
    end
    local missing = {}
    for _, line in ipairs(expected_lines) do
      if not his_lines[line] then
        table.insert(missing, line)
      end
    end
    check(
      ('his %d quotes are grouped under him'):format(#expected_lines),
      #missing == 0,
      'missing from his group: lines ' .. table.concat(missing, ', ') .. '\n' .. outline
    )
    local entity_groups = {}
    for _, symbol in ipairs(symbols) do
      entity_groups[symbol.name] = true
    end
    check('the outline ends with the entity groups People and Places', entity_groups.People and entity_groups.Places, outline)

    -- :NewslsQuotes fills the location list, speaker by speaker.
    local items
    newsls.quotes({ bufnr = bufnr, open = false, on_done = function(result) items = result end })
    vim.wait(10000, function() return items ~= nil end, 20)
    local loclist = vim.fn.getloclist(0)
    local first = loclist[1]
    local his_first = his and his.quotes[1] and his.quotes[1].range.start.line + 1
    check(
      ':NewslsQuotes fills the location list with the quotes, his first',
      #loclist > 0 and #loclist == #(items or {}) and first.lnum == his_first and first.text:find('Khamenei') ~= nil,
      vim.inspect(first)
    )
  end

  -- Hover on the first quote names its speaker.
  local hover = client:request_sync('textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = expected_lines[1] - 1, character = 10 },
  }, 10000, bufnr)
  local hover_text = text_of(hover and hover.result and hover.result.contents)
  check('hover on a quote names the speaker', hover_text:find('Khamenei') ~= nil, 'hover: ' .. hover_text)

  -- Type a new paragraph with a quote nobody says, after the narration of the stampede (line 55)
  -- and before the Leader's last quote: Neovim sends it as an incremental change, and the server
  -- answers with a warning on that line.
  local changes = {}
  local notify = client.notify
  client.notify = function(self, method, notification_params)
    if method == 'textDocument/didChange' then
      table.insert(changes, vim.deepcopy(notification_params))
    end
    return notify(self, method, notification_params)
  end
  local quote_line = 57 -- 1-based: line 56 is the blank line after the stampede paragraph
  vim.api.nvim_win_set_cursor(0, { quote_line - 1, 0 })
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('i<CR>“Nobody can tell what comes next.”<CR><Esc>', true, false, true), 'xt', false)
  check('the typed paragraph is in the buffer', vim.api.nvim_buf_get_lines(bufnr, quote_line - 1, quote_line, false)[1] == '“Nobody can tell what comes next.”')
  local version = vim.lsp.util.buf_versions[bufnr]

  local warning
  vim.wait(20000, function()
    for index = #published, 1, -1 do
      local result = published[index]
      if result.uri == uri and (result.version == nil or result.version >= version) then
        for _, diagnostic in ipairs(result.diagnostics) do
          if diagnostic.code == 'unattributed-quote' and diagnostic.range.start.line == quote_line - 1 then
            warning = diagnostic
            return true
          end
        end
      end
    end
    return false
  end, 20)
  local incremental = #changes > 0
  for _, change in ipairs(changes) do
    for _, content_change in ipairs(change.contentChanges) do
      incremental = incremental and content_change.range ~= nil
    end
  end
  check('Neovim sent the edit as incremental changes', incremental, vim.inspect(changes))
  local latest = {}
  for _, result in ipairs(published) do
    if result.uri == uri then
      latest = result.diagnostics
    end
  end
  check(
    ('an unattributed-quote warning appears on line %d'):format(quote_line),
    warning ~= nil and warning.severity == vim.lsp.protocol.DiagnosticSeverity.Warning and warning.source == 'newsls',
    'latest diagnostics: ' .. vim.inspect(latest)
  )
  local shown = vim.diagnostic.get(bufnr, { lnum = quote_line - 1 })
  check('Neovim shows that warning in the buffer', #shown > 0, vim.inspect(shown))

  -- Settings pass through: the warning becomes a hint when the settings say so.
  local before = #published
  newsls.update_settings({ diagnostics = { severity = { ['unattributed-quote'] = 'hint' } } })
  local hint
  vim.wait(20000, function()
    for index = #published, before + 1, -1 do
      for _, diagnostic in ipairs(published[index].diagnostics) do
        if diagnostic.code == 'unattributed-quote' and diagnostic.range.start.line == quote_line - 1 then
          hint = diagnostic
          return diagnostic.severity == vim.lsp.protocol.DiagnosticSeverity.Hint
        end
      end
    end
    return false
  end, 20)
  check('a settings change turns the warning into a hint', hint ~= nil and hint.severity == vim.lsp.protocol.DiagnosticSeverity.Hint, vim.inspect(hint))

  -- :checkhealth newsls finds the binary and its version.
  vim.cmd('checkhealth newsls')
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  check(':checkhealth newsls reports the binary and its version', report:find('found ' .. binary, 1, true) ~= nil and report:find('newsls %d+%.%d+') ~= nil, report)

  finish()
end

-- Scheduled after startup, not inside the VimEnter autocommand: autocommands (filetype
-- detection, the LSP's FileType hook) do not nest into one another by default.
vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, err = xpcall(main, debug.traceback)
      if not ok then
        abort(tostring(err))
      end
    end)
  end,
})
