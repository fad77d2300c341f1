// SPDX-License-Identifier: MIT
// Running a suite: local items on a few threads, network items as coroutines on one io_context
// served by one thread per core, each side with its own limit; progress as items end and once a
// second in between, naming what runs and for how long.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "app/suite_items.hpp"

namespace sipmtls::app {
namespace {

using Clock = std::chrono::steady_clock;

class Board {
 public:
  Board(SuiteResult& result, std::function<void(const SuiteProgress&)> progress)
      : result_(result), progress_(std::move(progress)) {}

  void started(std::size_t i, const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    running_[i] = {name, Clock::now()};
  }
  void finished(std::size_t i, SuiteItemResult r) {
    std::lock_guard<std::mutex> lock(mutex_);
    running_.erase(i);
    ++done_;
    result_.items[i] = std::move(r);
    report(&result_.items[i]);
    if (done_ == result_.items.size()) wake_.notify_all();
  }
  /// Reports once a second until every item has ended.
  void tick_until_done() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (done_ < result_.items.size()) {
      if (!wake_.wait_for(lock, std::chrono::seconds(1), [&] { return done_ == result_.items.size(); })) report(nullptr);
    }
  }

 private:
  void report(const SuiteItemResult* finished) {  // mutex held
    if (!progress_) return;
    SuiteProgress p{done_, result_.items.size(), finished};
    const auto now = Clock::now();
    for (const auto& [i, run] : running_) {
      p.running.emplace_back(run.first, std::chrono::duration<double>(now - run.second).count());
    }
    std::sort(p.running.begin(), p.running.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    progress_(p);
  }

  SuiteResult& result_;
  std::function<void(const SuiteProgress&)> progress_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::size_t done_ = 0;
  std::map<std::size_t, std::pair<std::string, Clock::time_point>> running_;
};

// Network items: at most `limit` coroutines at once; each one that ends starts the next.
class NetworkRunner {
 public:
  NetworkRunner(const Suite& suite, std::vector<std::size_t> items, Board& board, asio::io_context& io)
      : suite_(suite), items_(std::move(items)), board_(board), io_(io) {}

  void start(int limit) {
    for (int k = 0; k < limit; ++k) launch();
  }

 private:
  void launch() {
    const std::size_t n = next_++;
    if (n >= items_.size()) return;
    const std::size_t i = items_[n];
    board_.started(i, suite_.items[i].name);
    asio::co_spawn(io_, run_suite_item_async(suite_, suite_.items[i]),
                   [this, i](std::exception_ptr e, SuiteItemResult r) {
                     if (e) {
                       r.name = suite_.items[i].name;
                       r.kind = suite_.items[i].kind;
                       r.detail = "could not run: the check ended unexpectedly";
                     }
                     board_.finished(i, std::move(r));
                     launch();
                   });
  }

  const Suite& suite_;
  std::vector<std::size_t> items_;
  Board& board_;
  asio::io_context& io_;
  std::atomic<std::size_t> next_{0};
};

}  // namespace

SuiteResult run_suite(const Suite& suite, const SuiteLimits& limits,
                      const std::function<void(const SuiteProgress&)>& progress) {
  SuiteResult result;
  result.file = suite.file;
  result.items.resize(suite.items.size());
  if (suite.items.empty()) return result;
  Board board(result, progress);
  std::vector<std::size_t> local, network;
  for (std::size_t i = 0; i < suite.items.size(); ++i) (waits_on_network(suite.items[i]) ? network : local).push_back(i);

  asio::io_context io;
  auto work = asio::make_work_guard(io);
  NetworkRunner runner(suite, network, board, io);
  runner.start(std::max(1, limits.network_jobs));
  std::vector<std::thread> threads;
  const int io_threads = network.empty() ? 0 : std::max(1, limits.network_threads);
  for (int k = 0; k < io_threads; ++k) threads.emplace_back([&io] { io.run(); });

  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t n = next++; n < local.size(); n = next++) {
      board.started(local[n], suite.items[local[n]].name);
      board.finished(local[n], run_suite_item(suite, suite.items[local[n]]));
    }
  };
  const int local_threads = std::min<int>(std::max(1, limits.local_jobs), static_cast<int>(local.size()));
  for (int k = 0; k < local_threads; ++k) threads.emplace_back(worker);

  board.tick_until_done();
  work.reset();
  io.stop();
  for (auto& t : threads) t.join();
  return result;
}

}  // namespace sipmtls::app
