// cairo (Debian's libcairo2-dev): PDF surfaces with JPEG data attached as MIME data, so slides are
// embedded without re-encoding.
#ifndef PEXRTMP_CCAIRO_SHIM_H
#define PEXRTMP_CCAIRO_SHIM_H
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
#endif
