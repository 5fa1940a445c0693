// File descriptors: how many the process may have, how many it has, and how to share what is
// left between database handles and connections. A Searcher on a stub of 1,000 shards holds
// thousands of descriptors, so without a plan 16 requests at once ran out ("Too many open
// files", answered 500); with one, requests beyond the plan wait for a free Searcher instead.
#pragma once

#include <cstddef>

namespace dateline {

// Raises the soft RLIMIT_NOFILE to the hard limit (the soft one is often 1,024 while the
// hard one allows far more); returns the soft limit then in force.
std::size_t raise_descriptor_limit();

// Descriptors this process has open now (the entries of /proc/self/fd).
std::size_t open_descriptors();

struct DescriptorPlan {
  std::size_t searchers = 1;    // Searchers open at once, the first included
  std::size_t connections = 1;  // client connections open at once
};

// Shares `spare` descriptors (the limit less those open, a margin kept) between more
// Searchers of `per_searcher` descriptors each (up to `workers` in all; one is open already)
// and up to `max_connections` connections. Connections are promised half of `spare` first, so
// that a huge database still leaves room for clients; what Searchers cannot use goes to them.
DescriptorPlan plan_descriptors(std::size_t spare, std::size_t per_searcher, std::size_t workers,
                                std::size_t max_connections);

}  // namespace dateline
