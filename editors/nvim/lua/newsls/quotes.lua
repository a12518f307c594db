-- Quotes grouped by speaker, read from the server's outline (`textDocument/documentSymbol`):
-- one symbol per speaker with that speaker's quotes as children, an "Unattributed" group, then
-- the entity groups People, Organizations and Places (which are not quotes).

local M = {}

M.UNATTRIBUTED = 'Unattributed'
-- Groups that are not speakers: the entities and the article's metadata lines.
local ENTITY_GROUPS = { People = true, Organizations = true, Places = true, Article = true }

---@class newsls.Quote
---@field name string the quote's opening words
---@field cue string how it was attributed ("said", "he noted", "continues")
---@field range lsp.Range
---@field selection_range lsp.Range

---@class newsls.SpeakerGroup
---@field speaker string
---@field attributed boolean
---@field quotes newsls.Quote[]

--- Groups the quotes of a documentSymbol response by speaker, in the server's order.
---@param symbols (lsp.DocumentSymbol|lsp.SymbolInformation)[]|nil
---@return newsls.SpeakerGroup[]
function M.by_speaker(symbols)
  local groups, by_name = {}, {}
  local function group_for(speaker)
    local group = by_name[speaker]
    if not group then
      group = { speaker = speaker, attributed = speaker ~= M.UNATTRIBUTED, quotes = {} }
      by_name[speaker] = group
      table.insert(groups, group)
    end
    return group
  end
  for _, symbol in ipairs(symbols or {}) do
    if symbol.location then
      -- Flat form: a quote names its speaker as its container.
      local container = symbol.containerName
      if container and container ~= '' and not ENTITY_GROUPS[container] then
        table.insert(group_for(container).quotes, {
          name = symbol.name,
          cue = '',
          range = symbol.location.range,
          selection_range = symbol.location.range,
        })
      end
    elseif not ENTITY_GROUPS[symbol.name] and symbol.children and #symbol.children > 0 then
      local group = group_for(symbol.name)
      for _, child in ipairs(symbol.children) do
        table.insert(group.quotes, {
          name = child.name,
          cue = child.detail or '',
          range = child.range,
          selection_range = child.selectionRange or child.range,
        })
      end
    end
  end
  return groups
end

--- Byte column (0-based) of a protocol position in a line, for the client's position encoding.
---@param line string
---@param character integer
---@param encoding string 'utf-8'|'utf-16'|'utf-32'
---@return integer
function M.byte_column(line, character, encoding)
  if encoding == 'utf-8' then
    return math.min(character, #line)
  end
  local ok, column = pcall(vim.str_byteindex, line, encoding, character, false)
  return ok and column or #line
end

--- Location-list items, speaker by speaker: "Speaker │ “opening words… (cue)".
---@param groups newsls.SpeakerGroup[]
---@param bufnr integer
---@param encoding string
---@return vim.quickfix.entry[]
function M.loclist_items(groups, bufnr, encoding)
  local items = {}
  for _, group in ipairs(groups) do
    for _, quote in ipairs(group.quotes) do
      local start = quote.selection_range.start
      local line = vim.api.nvim_buf_get_lines(bufnr, start.line, start.line + 1, false)[1] or ''
      local text = ('%s │ %s'):format(group.speaker, quote.name)
      if quote.cue ~= '' then
        text = ('%s (%s)'):format(text, quote.cue)
      end
      table.insert(items, {
        bufnr = bufnr,
        lnum = start.line + 1,
        col = M.byte_column(line, start.character, encoding) + 1,
        text = text,
        type = group.attributed and 'I' or 'W',
        user_data = { speaker = group.speaker, attributed = group.attributed },
      })
    end
  end
  return items
end

return M
