// Which symbols the shared library exports: only what is declared with DATELINE_API. The rest
// of the library is built with hidden visibility, so embedders cannot come to depend on it;
// DATELINE_LOCAL keeps the private parts of exported classes (their Impl) hidden too.
#pragma once

#define DATELINE_API __attribute__((visibility("default")))
#define DATELINE_LOCAL __attribute__((visibility("hidden")))
