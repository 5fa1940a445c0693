#include "serve/descriptors.h"

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace dateline {

std::size_t raise_descriptor_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur != limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  // RLIM_INFINITY does not occur for descriptors on Linux, but a plan needs a number.
  return limit.rlim_cur == RLIM_INFINITY ? std::size_t{1} << 20 : limit.rlim_cur;
}

std::size_t open_descriptors() {
  std::error_code error;
  std::size_t count = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", error), end; !error && it != end;
       it.increment(error)) {
    ++count;
  }
  return count;
}

DescriptorPlan plan_descriptors(std::size_t spare, std::size_t per_searcher, std::size_t workers,
                                std::size_t max_connections) {
  per_searcher = std::max<std::size_t>(per_searcher, 1);
  const std::size_t promised = std::min(max_connections, spare / 2);
  const std::size_t more =
      std::min((spare - promised) / per_searcher, std::max<std::size_t>(workers, 1) - 1);
  DescriptorPlan plan;
  plan.searchers = 1 + more;
  plan.connections =
      std::max<std::size_t>(std::min(max_connections, spare - more * per_searcher), 1);
  return plan;
}

}  // namespace dateline
