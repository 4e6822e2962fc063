-- The cases. Each one records "ok NAME" or "not ok NAME" in $COPYDESK_RESULTS; Neovim exits
-- with :cquit when any failed. Assertions stay on typo/repeated-word (a doubled word) and on
-- "at least one diagnostic from copydesk", so new rule families do not break them.

local WAIT_MS = tonumber(os.getenv('COPYDESK_TEST_TIMEOUT_MS') or '') or 15000
local REPEATED = 'typo/repeated-word'
local ws = assert(os.getenv('COPYDESK_WORKSPACE'), 'COPYDESK_WORKSPACE is not set')
local results_file = os.getenv('COPYDESK_RESULTS')
-- 'config': lsp/copydesk.lua (0.11+); 'start': the 0.10 vim.lsp.start snippet.
local setup = os.getenv('COPYDESK_NVIM_SETUP') or 'config'
local prefix = setup == 'config' and '' or '[vim.lsp.start snippet] '

local results = {}
local notes = {}
local function say(fmt, ...)
  io.stdout:write(string.format(fmt, ...) .. '\n')
  io.stdout:flush()
end

-- Keep what Neovim would have shown the user, for failure messages.
vim.notify = function(msg, level)
  table.insert(notes, string.format('[%s] %s', tostring(level), tostring(msg)))
end

local blocked -- set when a case the others need has failed
local function case(name, fn, only)
  if only ~= nil and only ~= setup then
    return true
  end
  name = prefix .. name
  local ok, err
  if blocked then
    ok, err = false, 'not run: ' .. blocked .. ' failed'
  else
    ok, err = xpcall(fn, debug.traceback)
  end
  table.insert(results, { name = name, ok = ok })
  if ok then
    say('ok - %s', name)
  else
    say('not ok - %s\n%s', name, tostring(err))
    if #notes > 0 then
      say('  messages:\n    %s', table.concat(notes, '\n    '))
    end
  end
  return ok
end

local function wait(cond, what)
  if not vim.wait(WAIT_MS, cond, 20) then
    error(string.format('timed out after %d ms waiting for %s', WAIT_MS, what), 2)
  end
end

local function eq(got, want, what)
  if not vim.deep_equal(got, want) then
    error(string.format('%s: expected %s, got %s', what, vim.inspect(want), vim.inspect(got)), 2)
  end
end

local function read(path)
  local f = assert(io.open(path, 'rb'))
  local s = f:read('*a')
  f:close()
  return s
end

local function buf_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
end

local function code_of(d)
  return d.code or vim.tbl_get(d, 'user_data', 'lsp', 'code')
end

local function copydesk_diags(bufnr)
  return vim.tbl_filter(function(d)
    return d.source == 'copydesk'
  end, vim.diagnostic.get(bufnr))
end

local function repeated(bufnr)
  return vim.tbl_filter(function(d)
    return code_of(d) == REPEATED
  end, copydesk_diags(bufnr))
end

-- The text a diagnostic covers (its columns are byte offsets in the buffer).
local function covered(bufnr, d)
  if d.end_lnum ~= d.lnum then
    return nil
  end
  local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1] or ''
  return line:sub(d.col + 1, d.end_col)
end

local function find(bufnr, word, hint)
  for _, d in ipairs(repeated(bufnr)) do
    local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1] or ''
    if covered(bufnr, d) == word and line:find(hint, 1, true) then
      return d
    end
  end
  error(string.format('no %s diagnostic on “%s” in the line with “%s”: %s', REPEATED, word, hint,
    vim.inspect(repeated(bufnr))), 2)
end

local draft = ws .. '/draft.md'
local original = read(draft)
local bufnr, client

case('lsp/copydesk.lua is found by vim.lsp.config', function()
  local cfg = vim.lsp.config.copydesk
  assert(cfg, 'vim.lsp.config.copydesk is nil: lsp/copydesk.lua is not on runtimepath')
  eq(cfg.filetypes, { 'text', 'markdown' }, 'filetypes')
  eq(cfg.root_markers, { 'copydesk.toml', '.git' }, 'root_markers')
  eq(cfg.cmd[2], 'lsp', 'cmd')
  assert(type(cfg.before_init) == 'function', 'before_init passes the rules as initializationOptions')
end, 'config')

if not case('the server attaches to a Markdown draft, rooted at copydesk.toml, UTF-8 positions', function()
  vim.cmd.edit(vim.fn.fnameescape(draft))
  bufnr = vim.api.nvim_get_current_buf()
  eq(vim.bo[bufnr].filetype, 'markdown', 'filetype')
  wait(function()
    client = vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' })[1]
    return client ~= nil and client.initialized
  end, 'the copydesk client to attach')
  eq(vim.fs.normalize(client.root_dir), vim.fs.normalize(ws), 'root_dir')
  -- Neovim offers utf-8, utf-16 and utf-32; the server takes utf-8 when offered.
  eq(client.offset_encoding, 'utf-8', 'negotiated position encoding')
end) then
  blocked = 'attaching'
end

case('diagnostics from copydesk, at the right columns', function()
  wait(function()
    return #repeated(bufnr) >= 3
  end, 'three typo/repeated-word diagnostics')
  assert(#copydesk_diags(bufnr) >= 1)
  find(bufnr, 'the', 'fish market')
  -- A curly quote (three bytes) opens this line.
  find(bufnr, 'my', 'argued about this crossing')
  if setup == 'config' then
    -- The settings from vim.lsp.config reached the server at start-up.
    for _, d in ipairs(repeated(bufnr)) do
      eq(d.severity, vim.diagnostic.severity.INFO, 'severity from settings.copydesk.rules')
    end
  end
end)

case('vim.lsp.buf.code_action applies the quick fix', function()
  local d = find(bufnr, 'the', 'fish market')
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local tick = vim.b[bufnr].changedtick
  vim.lsp.buf.code_action({
    context = { only = { 'quickfix' } },
    filter = function(a)
      return a.title == 'Delete the second “the”'
    end,
    apply = true,
  })
  wait(function()
    return vim.b[bufnr].changedtick ~= tick
  end, 'the quick fix to change the buffer')
  eq(buf_text(bufnr), (original:gsub('to the the ferry', 'to the ferry')), 'buffer after the quick fix')
  wait(function()
    return #repeated(bufnr) == 2
  end, 'the diagnostics of the fixed text (two doubled words left)')
end)

case('settings changed at run time (workspace/didChangeConfiguration)', function()
  client.settings = vim.tbl_deep_extend('force', client.settings or {},
    { copydesk = { rules = { [REPEATED] = 'off' } } })
  client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  wait(function()
    return #repeated(bufnr) == 0
  end, 'no typo/repeated-word diagnostic once the rule is off')
  client.settings.copydesk.rules[REPEATED] = 'error'
  client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  wait(function()
    local r = repeated(bufnr)
    return #r == 2 and r[1].severity == vim.diagnostic.severity.ERROR
  end, 'the rule back on, as errors')
end, 'config')

case(':CopydeskFixAll applies every safe fix', function()
  local tick = vim.b[bufnr].changedtick
  vim.cmd('CopydeskFixAll')
  wait(function()
    return vim.b[bufnr].changedtick ~= tick
  end, 'fix-all to change the buffer')
  local text = buf_text(bufnr)
  assert(not text:find('my my', 1, true), text)
  assert(not text:find('and\nand', 1, true), text)
  assert(text:find('before my children', 1, true), text)
  assert(text:find('to the ferry terminal', 1, true), text)
  wait(function()
    return #repeated(bufnr) == 0
  end, 'no doubled word left')
end)

case(':CopydeskSiblings lists the sibling article and opens the one picked', function()
  local picked
  vim.ui.select = function(items, opts, on_choice)
    picked = { items = items, labels = vim.tbl_map(opts.format_item, items) }
    on_choice(items[1])
  end
  -- The server reads the workspace in the background after start-up: ask until it has.
  wait(function()
    picked = nil
    local n = #notes
    vim.cmd('CopydeskSiblings')
    vim.wait(2000, function()
      return picked ~= nil or #notes > n
    end, 20)
    return picked ~= nil
  end, 'a sibling list')
  assert(vim.fs.basename(vim.uri_to_fname(picked.items[1].uri)) == 'sibling.txt', vim.inspect(picked))
  assert(picked.labels[1]:find('Port Ellery', 1, true), vim.inspect(picked.labels))
  wait(function()
    return vim.fs.basename(vim.api.nvim_buf_get_name(0)) == 'sibling.txt'
  end, 'sibling.txt to open')
  eq(vim.bo.filetype, 'text', 'filetype of the sibling')
end, 'config')

local passed, failed = 0, 0
for _, r in ipairs(results) do
  if r.ok then
    passed = passed + 1
  else
    failed = failed + 1
  end
end
if results_file then
  local f = assert(io.open(results_file, 'w'))
  for _, r in ipairs(results) do
    f:write((r.ok and 'ok\t' or 'not ok\t') .. r.name .. '\n')
  end
  f:close()
end
say('Neovim %s: %d ok, %d not ok', tostring(vim.version()), passed, failed)
vim.cmd(failed > 0 and 'cquit 1' or 'qall!')
