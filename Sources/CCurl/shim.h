// libcurl (Debian's libcurl4-openssl-dev). curl_easy_setopt and curl_easy_getinfo are variadic,
// which Swift cannot call: these typed wrappers stand in for them.
#ifndef PEXRTMP_CCURL_SHIM_H
#define PEXRTMP_CCURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*pex_curl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*pex_curl_progress_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow,
                                          curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode pex_curl_set_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode pex_curl_set_string(CURL *curl, CURLoption option, const char *value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode pex_curl_set_pointer(CURL *curl, CURLoption option, void *value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode pex_curl_set_offset(CURL *curl, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode pex_curl_set_data_callback(CURL *curl, CURLoption option, pex_curl_data_callback callback) {
    return curl_easy_setopt(curl, option, callback);
}
static inline CURLcode pex_curl_set_progress_callback(CURL *curl, pex_curl_progress_callback callback) {
    return curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, callback);
}
/// CURLOPT_CAINFO_BLOB with a copy of the PEM bytes.
static inline CURLcode pex_curl_set_ca_blob(CURL *curl, void *data, size_t length) {
    struct curl_blob blob = { data, length, CURL_BLOB_COPY };
    return curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
}
static inline long pex_curl_response_code(CURL *curl) {
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    return code;
}
#endif
