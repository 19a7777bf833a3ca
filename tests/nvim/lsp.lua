-- Drives `calc lsp` from headless Neovim with its built-in client (the
-- 0.7 API: vim.lsp.start_client, buf_attach_client, buf_request_sync).
-- tests/nvim_lsp.rs runs it as
--   nvim --headless --clean -n -c "luafile tests/nvim/lsp.lua"
-- with CALC_BIN (the calc binary), CALC_FILE (the file to open), CALC_STEP
-- ("navigate": diagnostics, hover, definition; "format": formatting) and
-- CALC_OUT (where the results go, as JSON). It exits 0 when every step ran.

local bin = os.getenv("CALC_BIN")
local file = os.getenv("CALC_FILE")
local step = os.getenv("CALC_STEP")
local out = os.getenv("CALC_OUT")
local results = { step = step }

local function finish(ok, err)
  if err then
    results.error = tostring(err)
  end
  local f = assert(io.open(out, "w"))
  f:write(vim.fn.json_encode(results))
  f:close()
  vim.cmd(ok and "qall!" or "cquit 1")
end

local function request(buf, client, method, params)
  local resp, err = vim.lsp.buf_request_sync(buf, method, params, 10000)
  assert(resp, method .. " got no answer: " .. tostring(err))
  local answer = resp[client]
  assert(answer, method .. " got no answer from calc")
  assert(not answer.err, method .. " failed: " .. vim.inspect(answer.err))
  return answer.result
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local exited = false
  local ready = false
  local client = vim.lsp.start_client({
    cmd = { bin, "lsp" },
    name = "calc",
    root_dir = vim.fn.fnamemodify(file, ":h"),
    on_init = function()
      ready = true
    end,
    on_exit = function(code, signal)
      results.exit_code = code
      results.exit_signal = signal
      exited = true
    end,
  })
  assert(client, "the client did not start")
  assert(vim.lsp.buf_attach_client(buf, client), "the client did not attach")
  local uri = vim.uri_from_bufnr(buf)

  -- The client sends didOpen once the server is initialized.
  assert(vim.wait(20000, function()
    return ready
  end, 20), "the server did not initialize")

  if step == "navigate" then
    -- Diagnostics arrive on open.
    vim.wait(20000, function()
      return #vim.diagnostic.get(buf) >= 2
    end, 20)
    results.diagnostics = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(results.diagnostics, { line = d.lnum, col = d.col, message = d.message })
    end
    -- Hover over `total` on line 4 (0-based 3), column 9.
    local hover = request(buf, client, "textDocument/hover", {
      textDocument = { uri = uri },
      position = { line = 3, character = 9 },
    })
    results.hover = hover and hover.contents and hover.contents.value
    -- Jump to the definition of `area` from its call on line 4, column 14,
    -- with the client's own handler, and read where the cursor lands.
    vim.api.nvim_win_set_cursor(0, { 4, 14 })
    local def = request(buf, client, "textDocument/definition", {
      textDocument = { uri = uri },
      position = { line = 3, character = 14 },
    })
    if def and def[1] then
      def = def[1]
    end
    vim.lsp.util.jump_to_location(def, "utf-16")
    local cursor = vim.api.nvim_win_get_cursor(0)
    results.definition = { line = cursor[1] - 1, col = cursor[2] }
  elseif step == "format" then
    local edits = request(buf, client, "textDocument/formatting", {
      textDocument = { uri = uri },
      options = { tabSize = 4, insertSpaces = true },
    })
    assert(edits, "formatting answered null")
    vim.lsp.util.apply_text_edits(edits, buf, "utf-16")
    results.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
  end

  vim.lsp.stop_client(client)
  vim.wait(10000, function()
    return exited
  end, 20)
end)

finish(ok, err)
