-- Copydesk language server for Neovim 0.11+.
--
-- With this folder on 'runtimepath' (or this file copied to ~/.config/nvim/lsp/copydesk.lua):
--
--   vim.lsp.enable('copydesk')
--
-- Override any field with vim.lsp.config(), for example:
--
--   vim.lsp.config('copydesk', {
--     cmd = { vim.fn.expand('~/.cargo/bin/copydesk'), 'lsp' },
--     settings = { copydesk = { rules = { style = 'off', ['typo/repeated-word'] = 'error' } } },
--   })
--
-- `settings.copydesk.rules` turns rules (`typo/repeated-word`) or whole families (`style`) on or
-- off, or sets their severity: 'off', 'on', 'error', 'warning', 'info', 'hint'. It overrides the
-- [rules] table of copydesk.toml. It is sent at start-up (initializationOptions) and again by
-- workspace/didChangeConfiguration.

---@type vim.lsp.Config
return {
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'text', 'markdown' },
  -- The folder with copydesk.toml is the workspace (its articles are the draft's possible
  -- siblings); else the git repository.
  root_markers = { 'copydesk.toml', '.git' },
  settings = {
    copydesk = {
      rules = vim.empty_dict(),
    },
  },
  before_init = function(params, config)
    local rules = vim.tbl_get(config.settings or {}, 'copydesk', 'rules')
    local opts = params.initializationOptions
    if type(opts) ~= 'table' then
      opts = {}
    end
    opts.rules = rules or vim.empty_dict()
    params.initializationOptions = opts
  end,
}
