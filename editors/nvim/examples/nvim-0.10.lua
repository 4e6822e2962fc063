-- Copydesk for Neovim 0.10 (vim.lsp.start), without nvim-lspconfig. Put this in init.lua.
-- (Neovim 0.11+: use lsp/copydesk.lua and vim.lsp.enable('copydesk') instead.)
local copydesk_rules = vim.empty_dict() -- e.g. { style = 'off', ['typo/repeated-word'] = 'error' }

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'text', 'markdown' },
  callback = function(args)
    vim.lsp.start({
      name = 'copydesk',
      cmd = { 'copydesk', 'lsp' },
      root_dir = vim.fs.root(args.buf, { 'copydesk.toml', '.git' }),
      init_options = { rules = copydesk_rules },
      settings = { copydesk = { rules = copydesk_rules } },
    })
  end,
})
