// Which symbols the shared library exports: only what is declared with DATELINE_API. The rest
// of the library is built with hidden visibility, so embedders cannot come to depend on it.
#pragma once

#if defined(DATELINE_STATIC_DEFINE)
#define DATELINE_API
#else
#define DATELINE_API __attribute__((visibility("default")))
#endif
