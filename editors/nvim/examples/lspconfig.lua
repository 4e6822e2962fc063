-- Copydesk with nvim-lspconfig (which has no built-in `copydesk` entry): register it, then set
-- it up like any other server. UNTESTED (nvim-lspconfig is not installed in CI).
local lspconfig = require('lspconfig')
local configs = require('lspconfig.configs')

if not configs.copydesk then
  configs.copydesk = {
    default_config = {
      cmd = { 'copydesk', 'lsp' },
      filetypes = { 'text', 'markdown' },
      root_dir = lspconfig.util.root_pattern('copydesk.toml', '.git'),
      single_file_support = true,
      settings = { copydesk = { rules = vim.empty_dict() } },
    },
  }
end

lspconfig.copydesk.setup({
  -- settings = { copydesk = { rules = { style = 'off' } } },
})
