-- Headless test of the Copydesk configuration in a real Neovim 0.11:
--   COPYDESK_BIN=... COPYDESK_WORKSPACE=... COPYDESK_RESULTS=... \
--     nvim --headless --clean -u editors/nvim/test/init.lua
-- editors/nvim/ci.sh sets all of that up. This file is what a user's init.lua would hold
-- (plus the test-only binary path); the cases are in cases.lua.

local test_dir = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local nvim_dir = vim.fn.fnamemodify(test_dir, ':h')

vim.opt.runtimepath:prepend(nvim_dir)
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'

-- COPYDESK_NVIM_SETUP=config (default): lsp/copydesk.lua through vim.lsp.config/enable, as on
-- Neovim 0.11+. COPYDESK_NVIM_SETUP=start: the vim.lsp.start snippet for Neovim 0.10
-- (examples/nvim-0.10.lua, used as is; `copydesk` must be on PATH).
local setup = os.getenv('COPYDESK_NVIM_SETUP') or 'config'
if setup == 'start' then
  dofile(nvim_dir .. '/examples/nvim-0.10.lua')
else
  vim.lsp.config('copydesk', {
    cmd = { os.getenv('COPYDESK_BIN') or 'copydesk', 'lsp' },
    settings = { copydesk = { rules = { ['typo/repeated-word'] = 'info' } } },
  })
  vim.lsp.enable('copydesk')
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    -- plugin/ of a runtimepath entry added by -u is not always sourced with --clean.
    if vim.fn.exists(':CopydeskFixAll') == 0 then
      vim.cmd.runtime('plugin/copydesk.lua')
    end
    -- Scheduled, so that :edit in the cases fires BufRead and FileType (autocommands do not
    -- nest inside this one).
    vim.schedule(function()
      dofile(test_dir .. '/cases.lua')
    end)
  end,
})
