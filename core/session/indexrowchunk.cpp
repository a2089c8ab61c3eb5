#include "indexrowchunk.h"

IndexRowChunk::IndexRowChunk(qsizetype rows, qsizetype textBytes) {
    m_rows.reserve(size_t(rows));
    m_text.reserve(textBytes);
}

qsizetype IndexRowChunk::append(const CaptureIndex::Entry &entry, bool needsAnalysis) {
    Row &row = m_rows.emplace_back();
    row.entry = entry;
    row.needsAnalysis = needsAnalysis;
    return size() - 1;
}

void IndexRowChunk::setText(Text which, QByteArrayView text) {
    Span &span = m_rows.back().texts[which];
    if (text.isNull()) {
        span = Span();
        return;
    }
    span.offset = qint32(m_text.size());
    span.size = qint32(text.size());
    m_text.append(text);
}

QByteArrayView IndexRowChunk::text(qsizetype i, Text which) const {
    const Span span = m_rows[size_t(i)].texts[which];
    if (span.size < 0)
        return {};
    // A non-null view even when empty: the column held an empty text, not NULL.
    return QByteArrayView(m_text.constData() + span.offset, span.size);
}

CaptureIndex::Entry IndexRowChunk::entry(qsizetype i) const {
    CaptureIndex::Entry entry = m_rows[size_t(i)].entry;
    entry.method = text(i, Method);
    entry.path = text(i, Path);
    entry.remoteAddress = text(i, RemoteAddress);
    entry.rejection = text(i, Rejection);
    entry.summary = text(i, Summary);
    entry.action = text(i, Action);
    entry.enterpriseId = text(i, EnterpriseId);
    entry.enterpriseName = text(i, EnterpriseName);
    entry.integrationId = text(i, IntegrationId);
    entry.integrationName = text(i, IntegrationName);
    return entry;
}
