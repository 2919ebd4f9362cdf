# Post-link step (cmake -P): content-hashed release files and their Subresource Integrity values.
#   in:  LINK/tabi-renew.raw.js (as emcc wrote it), LINK/tabi-renew.primary.wasm and LINK/tabi-renew.deferred.wasm
#        (wasm/split.cmake), PACKS/ (the locale packs)
#   out: DIST/tabi-renew.<hash>.wasm, DIST/tabi-renew.deferred.<hash>.wasm, DIST/tabi-renew.<hash>.js (and
#        DIST/tabi-renew.js, the same bytes, for pages that want a stable name), the locale packs (messages,
#        font index, font slices),
#        DIST/manifest.json, and the SRI values printed. PACK_LOCALES: the locales with packs, comma-separated.
# The wasm files' names and integrity go into the JS (a script tag's SRI does not cover the files the loader
# fetches), so they are hashed first and the JS after.
cmake_minimum_required(VERSION 3.25)

function(sri_of file out_var)
  file(SHA384 "${file}" hex)
  # hex -> bytes -> base64, by hand: CMake has no base64 of binary data.
  set(alphabet "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
  string(LENGTH "${hex}" hex_len)
  set(b64 "")
  set(i 0)
  while(i LESS hex_len)
    string(SUBSTRING "${hex}" ${i} 6 chunk)  # 3 bytes (SHA-384 is 48 bytes: no padding needed)
    math(EXPR value "0x${chunk}")
    foreach(shift 18 12 6 0)
      math(EXPR index "(${value} >> ${shift}) & 63")
      string(SUBSTRING "${alphabet}" ${index} 1 c)
      string(APPEND b64 "${c}")
    endforeach()
    math(EXPR i "${i} + 6")
  endwhile()
  set(${out_var} "sha384-${b64}" PARENT_SCOPE)
endfunction()

function(short_hash file out_var)
  file(SHA256 "${file}" hex)
  string(SUBSTRING "${hex}" 0 10 short)
  set(${out_var} "${short}" PARENT_SCOPE)
endfunction()

set(js "${LINK}/tabi-renew.raw.js")
set(wasm "${LINK}/tabi-renew.primary.wasm")
set(deferred "${LINK}/tabi-renew.deferred.wasm")

file(MAKE_DIRECTORY "${DIST}")
file(GLOB old "${DIST}/tabi-renew.*" "${DIST}/tabi-font-*" "${DIST}/tabi-fonts-*" "${DIST}/tabi-messages-*")
if(old)
  file(REMOVE ${old})
endif()

short_hash("${wasm}" wasm_hash)
sri_of("${wasm}" wasm_sri)
set(wasm_name "tabi-renew.${wasm_hash}.wasm")
file(COPY_FILE "${wasm}" "${DIST}/${wasm_name}")
short_hash("${deferred}" deferred_hash)
sri_of("${deferred}" deferred_sri)
set(deferred_name "tabi-renew.deferred.${deferred_hash}.wasm")
file(COPY_FILE "${deferred}" "${DIST}/${deferred_name}")

# Locale packs: the messages and the font index hashed here; the font slices come named by their hash
# (make_font_slices.py lists them in tabi-fonts-LOCALE.files: name, integrity, bytes; slice 000 first).
set(packs_js "")
set(packs_manifest_entries "")
if(NOT PACK_LOCALES)
  message(FATAL_ERROR "fingerprint.cmake: -DPACK_LOCALES=... is missing")
endif()
string(REPLACE "," ";" pack_locales "${PACK_LOCALES}")  # core's table, from wasm/wasm.cmake
foreach(locale IN LISTS pack_locales)
  set(entry "")
  foreach(kind messages fonts)
    set(src "${PACKS}/tabi-${kind}-${locale}.json")
    short_hash("${src}" h)
    sri_of("${src}" sri)
    set(name "tabi-${kind}-${locale}.${h}.json")
    file(COPY_FILE "${src}" "${DIST}/${name}")
    file(SIZE "${src}" bytes)
    string(APPEND entry "${kind}: { file: '${name}', integrity: '${sri}' }, ")
    list(APPEND packs_manifest_entries "    \"${name}\": { \"integrity\": \"${sri}\", \"bytes\": ${bytes} }")
    message(STATUS "tabi-renew: ${name}  integrity=\"${sri}\"  (${bytes} bytes)")
  endforeach()
  file(STRINGS "${PACKS}/tabi-fonts-${locale}.files" slices)
  set(first TRUE)
  set(slice_bytes 0)
  list(LENGTH slices slice_count)
  foreach(line IN LISTS slices)
    string(REPLACE " " ";" parts "${line}")
    list(GET parts 0 name)
    list(GET parts 1 sri)
    list(GET parts 2 bytes)
    file(COPY_FILE "${PACKS}/${name}" "${DIST}/${name}")
    list(APPEND packs_manifest_entries "    \"${name}\": { \"integrity\": \"${sri}\", \"bytes\": ${bytes} }")
    math(EXPR slice_bytes "${slice_bytes} + ${bytes}")
    if(first)
      string(APPEND entry "font: { file: '${name}', integrity: '${sri}' }, ")
      set(first FALSE)
    endif()
  endforeach()
  message(STATUS "tabi-renew: ${slice_count} font slices for ${locale} (${slice_bytes} bytes)")
  string(APPEND packs_js "'${locale}': { ${entry}}, ")
endforeach()

# The bridge's placeholders (js/src/wasm-loader.mjs) get the release's names and integrity values. Each fill is
# also recorded in LINK/bridge-fills.txt (placeholder, unit separator, value, record separator), so that the npm
# package's ES module (js/npm-package.mjs, bundled apart from this script) gets the very same values.
set(fills "${LINK}/bridge-fills.txt")
file(WRITE "${fills}" "")
string(ASCII 31 unit_separator)
string(ASCII 30 record_separator)
function(fill_placeholder placeholder value what)
  file(APPEND "${fills}" "${placeholder}${unit_separator}${value}${record_separator}")
  string(FIND "${js_text}" "${placeholder}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "fingerprint: the bridge's ${what} placeholder is missing from ${js}")
  endif()
  string(REPLACE "${placeholder}" "${value}" filled "${js_text}")
  set(js_text "${filled}" PARENT_SCOPE)
endfunction()
file(READ "${js}" js_text)
fill_placeholder("/*TABI_LOCALE_PACKS*/{}" "{ ${packs_js}}" "locale pack")
fill_placeholder("/*TABI_WASM_ASSET*/{ file: 'tabi-renew.raw.wasm', integrity: null }"
                 "{ file: '${wasm_name}', integrity: '${wasm_sri}' }" "wasm asset")
fill_placeholder("/*TABI_DEFERRED_WASM_ASSET*/{ file: 'tabi-renew.raw.deferred.wasm', integrity: null }"
                 "{ file: '${deferred_name}', integrity: '${deferred_sri}' }" "deferred wasm asset")
# Minified last (js/minify.mjs), once the placeholders above are filled, since a minifier drops comments; hashed
# after, so the name and the SRI value are of the bytes hosts download.
set(filled "${DIST}/tabi-renew.raw.filled.js")
file(WRITE "${filled}" "${js_text}")
find_program(node node REQUIRED)
execute_process(COMMAND "${node}" "${CMAKE_CURRENT_LIST_DIR}/../js/minify.mjs" "${filled}" "${DIST}/tabi-renew.js"
  RESULT_VARIABLE minify_status)
if(NOT minify_status EQUAL 0)
  message(FATAL_ERROR "fingerprint: node js/minify.mjs failed on ${filled}")
endif()
file(READ "${DIST}/tabi-renew.js" minified)
string(FIND "${minified}" "${wasm_name}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "fingerprint: the minified ${DIST}/tabi-renew.js lost the wasm's name ${wasm_name}")
endif()
file(REMOVE "${filled}")
short_hash("${DIST}/tabi-renew.js" js_hash)
sri_of("${DIST}/tabi-renew.js" js_sri)
set(js_name "tabi-renew.${js_hash}.js")
file(COPY_FILE "${DIST}/tabi-renew.js" "${DIST}/${js_name}")

list(JOIN packs_manifest_entries ",\n" packs_manifest)
file(SIZE "${DIST}/${js_name}" js_size)
file(SIZE "${DIST}/${wasm_name}" wasm_size)
file(SIZE "${DIST}/${deferred_name}" deferred_size)
file(WRITE "${DIST}/manifest.json" "{
  \"js\": { \"file\": \"${js_name}\", \"integrity\": \"${js_sri}\", \"bytes\": ${js_size} },
  \"wasm\": { \"file\": \"${wasm_name}\", \"integrity\": \"${wasm_sri}\", \"bytes\": ${wasm_size} },
  \"deferredWasm\": { \"file\": \"${deferred_name}\", \"integrity\": \"${deferred_sri}\", \"bytes\": ${deferred_size} },
  \"localePacks\": {
${packs_manifest}
  }
}
")
message(STATUS "tabi-renew: ${js_name}  integrity=\"${js_sri}\"  (${js_size} bytes)")
message(STATUS "tabi-renew: ${wasm_name}  integrity=\"${wasm_sri}\"  (${wasm_size} bytes)")
message(STATUS "tabi-renew: ${deferred_name}  integrity=\"${deferred_sri}\"  (${deferred_size} bytes)")
