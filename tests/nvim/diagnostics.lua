-- Neovim as a second, independent LSP client of `awesomelint server` (tests/test_server_nvim.py).
-- Neovim 0.7 has no vim.lsp.start (0.8+): start_client and buf_attach_client do its job.
-- Env: AWESOMELINT_SERVER (the command, JSON), AWESOMELINT_LIST (the list to open),
-- AWESOMELINT_OUT (where to write what arrived; unset: standard output). Writes one line per diagnostic,
--   line:col-end_line:end_col severity code message        (1-based lines, byte columns)
-- then "formatted:" and the buffer after vim.lsp formatting (`awesomelint fix`).
local out = vim.env.AWESOMELINT_OUT and assert(io.open(vim.env.AWESOMELINT_OUT, 'w')) or io.stdout
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.AWESOMELINT_LIST))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'awesomelint',
  cmd = vim.fn.json_decode(vim.env.AWESOMELINT_SERVER),
  root_dir = vim.fn.fnamemodify(vim.env.AWESOMELINT_LIST, ':p:h'),
})
vim.lsp.buf_attach_client(bufnr, client_id)
local arrived = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
if not arrived then
  out:write('no diagnostics\n')
end
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local lsp = (d.user_data or {}).lsp or {}
  out:write(string.format('%d:%d-%d:%d %d %s %s\n', d.lnum + 1, d.col, d.end_lnum + 1, d.end_col, d.severity,
    tostring(d.code or lsp.code), d.message))
end
if vim.lsp.buf.format then
  vim.lsp.buf.format({ timeout_ms = 30000 })
else
  vim.lsp.buf.formatting_sync(nil, 30000)
end
out:write('formatted:\n' .. table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), '\n') .. '\n')
if out ~= io.stdout then
  out:close()
end
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
