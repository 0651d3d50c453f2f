// librtmp as Swift sees it. librtmp's headers are plain C; nothing here needs a macro shim yet.
#ifndef PEXRTMP_CRTMP_SHIM_H
#define PEXRTMP_CRTMP_SHIM_H
#include <librtmp/rtmp.h>
#include <librtmp/log.h>
#endif
