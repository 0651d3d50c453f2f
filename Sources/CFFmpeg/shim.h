// FFmpeg 5.1 (Debian 12) as Swift sees it, plus the macros Swift cannot import turned into
// inline functions.
#ifndef PEXRTMP_CFFMPEG_SHIM_H
#define PEXRTMP_CFFMPEG_SHIM_H
#include <libavformat/avformat.h>
#include <libavformat/avio.h>
#include <libavcodec/avcodec.h>
#include <libavcodec/bsf.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/dict.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/mathematics.h>
#include <libavutil/opt.h>
#include <libavutil/time.h>
#include <libswscale/swscale.h>
#include <libswresample/swresample.h>

/// AVERROR(e): FFmpeg's negative error code for a POSIX errno.
static inline int pex_averror(int errnum) { return AVERROR(errnum); }
/// AVERROR_EOF, built with FFERRTAG, which Swift cannot import.
static inline int pex_averror_eof(void) { return AVERROR_EOF; }
/// AVERROR(EAGAIN), returned by the send/receive codec API.
static inline int pex_averror_eagain(void) { return AVERROR(EAGAIN); }
/// AVERROR_INVALIDDATA.
static inline int pex_averror_invaliddata(void) { return AVERROR_INVALIDDATA; }
/// AV_NOPTS_VALUE: "no timestamp".
static inline int64_t pex_nopts_value(void) { return AV_NOPTS_VALUE; }
/// AV_TIME_BASE_Q as a value.
static inline AVRational pex_time_base_q(void) { AVRational q = {1, AV_TIME_BASE}; return q; }
#endif
