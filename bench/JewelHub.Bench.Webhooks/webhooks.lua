-- wrk script of the webhook ingestion bench (JewelHub.Bench.Webhooks).
-- Arguments after "--": the file of signed deliveries (or "-" for the no-work endpoint) and the file to write the
-- results to. The bench writes one file of deliveries per wrk thread, <file>.<thread>, one delivery a line:
-- "<X-Razorpay-Signature> <X-Razorpay-Event-Id> <body>", each signed with the connector's secret and used once.
-- The results file holds wrk's counts and latency percentiles (microseconds), then per thread the requests written,
-- the answers other than 200 and whether the thread ran out of deliveries.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_number", #threads)
end

function init(args)
   deliveries = args[1] ~= "-" and io.lines(args[1] .. "." .. thread_number) or nil
   results = args[2]
   written = 0
   refused = 0
   ran_out = 0
end

function request()
   if deliveries == nil then
      return wrk.format("GET", "/health/live", {}, nil)
   end

   local line = deliveries()
   if line == nil then
      ran_out = 1
      return wrk.format("GET", "/health/live", {}, nil)
   end

   written = written + 1
   local signature, id, body = line:match("^(%S+) (%S+) (.*)$")
   return wrk.format("POST", "/webhooks/razorpay", {
      ["Content-Type"] = "application/json",
      ["X-Razorpay-Signature"] = signature,
      ["X-Razorpay-Event-Id"] = id,
   }, body)
end

function response(status, headers, body)
   if status ~= 200 then
      refused = refused + 1
   end
end

function done(summary, latency, requests)
   local out = assert(io.open(threads[1]:get("results"), "w"))
   local e = summary.errors
   out:write(string.format("duration_us %d\nresponses %d\n", summary.duration, summary.requests))
   out:write(string.format("socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
   for _, p in ipairs({ 50, 90, 99, 99.9 }) do
      out:write(string.format("latency_us %g %d\n", p, latency:percentile(p)))
   end
   out:write(string.format("latency_us 100 %d\n", latency.max))
   for _, thread in ipairs(threads) do
      out:write(string.format("thread %d %d %d\n", thread:get("written"), thread:get("refused"), thread:get("ran_out")))
   end
   out:close()
end
