# The dependencies of the dateline library, found once and exposed as imported targets. All
# come from Debian packages (scripts/packages.txt). Installed with the CMake package, so that
# a consumer of the static library finds them the same way.

# Xapian ships a variables-only CMake config; wrap it in a target once, here.
find_package(xapian CONFIG REQUIRED)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  target_include_directories(Xapian::xapian INTERFACE "${XAPIAN_INCLUDE_DIR}")
  target_link_libraries(Xapian::xapian INTERFACE ${XAPIAN_LIBRARIES})
endif()

find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(simdjson CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(ZLIB REQUIRED)
find_package(zstd CONFIG REQUIRED)

find_package(PkgConfig REQUIRED)
pkg_check_modules(gumbo REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(xxhash REQUIRED IMPORTED_TARGET libxxhash)
find_package(Threads REQUIRED)

# An imported target for a library that has neither a CMake config nor a pkg-config file:
# its header and its library file, found on the system paths.
function(dateline_import_library target header library)
  string(MAKE_C_IDENTIFIER "${target}" id)
  find_path(${id}_INCLUDE_DIR ${header} REQUIRED)
  find_library(${id}_LIBRARY ${library} REQUIRED)
  if(NOT TARGET ${target})
    add_library(${target} UNKNOWN IMPORTED)
    set_target_properties(${target} PROPERTIES IMPORTED_LOCATION "${${id}_LIBRARY}"
                                               INTERFACE_INCLUDE_DIRECTORIES "${${id}_INCLUDE_DIR}")
  endif()
endfunction()

# CLD2 (language detection).
dateline_import_library(CLD2::cld2 cld2/public/compact_lang_det.h cld2)
# Snowball's libstemmer (Snowball 2.2) for the stemmers Xapian 1.4 lacks (Greek, Hindi,
# Serbian, Yiddish).
dateline_import_library(Snowball::stemmer libstemmer.h stemmer)

if(TARGET zstd::libzstd_shared)
  set(DATELINE_ZSTD_TARGET zstd::libzstd_shared)
else()
  set(DATELINE_ZSTD_TARGET zstd::libzstd_static)
endif()
