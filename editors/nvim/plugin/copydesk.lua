-- Commands for Copydesk buffers (optional: lsp/copydesk.lua is the configuration itself).
--
--   :CopydeskFixAll     apply every safe fix in the buffer (source.fixAll.copydesk)
--   :CopydeskDebris     remove all scraper debris (source.removeDebris.copydesk)
--   :CopydeskSiblings   pick one of the draft's sibling articles and open it

if vim.g.loaded_copydesk then
  return
end
vim.g.loaded_copydesk = true

local function client_for(bufnr)
  local clients = vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' })
  if #clients == 0 then
    vim.notify('Copydesk is not attached to this buffer', vim.log.levels.WARN)
    return nil
  end
  return clients[1]
end

local function source_action(kind)
  return function()
    if client_for(0) == nil then
      return
    end
    vim.lsp.buf.code_action({
      context = { only = { kind }, diagnostics = {} },
      filter = function(action)
        return action.kind == kind
      end,
      apply = true,
    })
  end
end

vim.api.nvim_create_user_command('CopydeskFixAll', source_action('source.fixAll.copydesk'), {
  desc = 'Copydesk: apply every safe fix in this buffer',
})

vim.api.nvim_create_user_command('CopydeskDebris', source_action('source.removeDebris.copydesk'), {
  desc = 'Copydesk: remove all scraper debris from this buffer',
})

vim.api.nvim_create_user_command('CopydeskSiblings', function()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_for(bufnr)
  if client == nil then
    return
  end
  local params = { command = 'copydesk.siblings', arguments = { vim.uri_from_bufnr(bufnr) } }
  client:request('workspace/executeCommand', params, function(err, result)
    if err then
      vim.notify('Copydesk: ' .. tostring(err.message or err), vim.log.levels.ERROR)
      return
    end
    local items = {}
    for _, s in ipairs(type(result) == 'table' and result or {}) do
      if type(s) == 'table' and type(s.uri) == 'string' then
        table.insert(items, s)
      end
    end
    if #items == 0 then
      vim.notify('Copydesk: no sibling articles for this draft in the workspace', vim.log.levels.INFO)
      return
    end
    table.sort(items, function(a, b)
      return (tonumber(a.score) or 0) > (tonumber(b.score) or 0)
    end)
    vim.ui.select(items, {
      prompt = 'Sibling articles',
      format_item = function(s)
        local path = vim.fn.fnamemodify(vim.uri_to_fname(s.uri), ':~:.')
        return string.format('%.2f  %s  (%s)', tonumber(s.score) or 0, s.title or path, path)
      end,
    }, function(choice)
      if choice then
        vim.cmd.edit(vim.fn.fnameescape(vim.uri_to_fname(choice.uri)))
      end
    end)
  end, bufnr)
end, { desc = 'Copydesk: list the sibling articles of this draft and open one' })
