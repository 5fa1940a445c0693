// Everything the library offers an embedding program, in one include.
#pragma once

#include "dateline/article.h"
#include "dateline/errors.h"
#include "dateline/index.h"
#include "dateline/index_summary.h"
#include "dateline/indexing.h"
#include "dateline/names.h"
#include "dateline/render.h"
#include "dateline/search.h"
#include "dateline/server.h"
