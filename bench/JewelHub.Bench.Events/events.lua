-- wrk script of the event intake bench (JewelHub.Bench.Events): every request posts one stock.adjusted CloudEvent
-- with an id of its own, adj-<run>-<wrk thread>-<the thread's counter>.
-- Arguments after "--": the admin key, the run's label and the file to write the results to. An admin key of "-"
-- measures the no-work endpoint GET /health/live instead, for the rate the same machine serves with no work at all.
-- The results file holds what the bench checks against the database: per thread the requests written, and for every
-- answer its status and the event id the hub echoed; then wrk's counts and latency percentiles (microseconds).

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_number", #threads)
end

function init(args)
   no_work = args[1] == "-"
   if not no_work then
      wrk.method = "POST"
      wrk.headers["Content-Type"] = "application/json"
      wrk.headers["X-Api-Key"] = args[1]
   end
   prefix = string.format("adj-%s-%d-", args[2], thread_number)
   results = args[3]
   written = 0
   answers = {}
end

-- A count correction at a branch counter: realistic size and shape (docs/EVENTS.md), and no shipped workflow starts
-- on it or waits for it.
local body = [[{"specversion":"1.0","id":"%s","source":"/pos/mumbai-1","type":"stock.adjusted",]]
   .. [["time":"2026-04-03T18:45:00+05:30","subject":"CHN-18K-0107","datacontenttype":"application/json",]]
   .. [["data":{"adjustmentId":"%s","branch":"mumbai-1","sku":"CHN-18K-0107","quantityDelta":-1,]]
   .. [["weightDelta":"-8.400","reason":"count-correction","value":"-41200.00","currency":"INR",]]
   .. [["note":"Found short at the evening count"}}]]

function request()
   if no_work then
      return wrk.format("GET", "/health/live", {}, nil)
   end

   written = written + 1
   local id = prefix .. written
   return wrk.format(nil, nil, nil, string.format(body, id, id))
end

function response(status, headers, answer)
   answers[#answers + 1] = status .. " " .. (answer:match('"id":"([^"]*)"') or "?")
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
   for i, thread in ipairs(threads) do
      out:write(string.format("written %s %d\n", thread:get("prefix"), thread:get("written")))
      for _, answer in ipairs(thread:get("answers")) do
         out:write("answer ", answer, "\n")
      end
   end
   out:close()
end
