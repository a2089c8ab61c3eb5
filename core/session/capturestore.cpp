#include "capturestore.h"

#include "heaptrim.h"

#include <QPointer>
#include <QSet>

#include <algorithm>
#include <iterator>

CaptureStore::CaptureStore(QObject *parent)
    : QObject(parent) {
}

CaptureStore::~CaptureStore() {
    cancelOpen();
}

void CaptureStore::openAsync(const QString &path, const SessionLoader::Options &options) {
    cancelOpen();
    const quint64 generation = ++m_generation;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    QPointer<CaptureStore> self(this);
    m_loader = QThread::create([self, path, options, cancel, generation] {
        SessionLoader::Options withCancel = options;
        withCancel.cancel = cancel.get();
        QString error;
        auto loaded = std::make_shared<std::optional<LoadedSession>>(
            SessionLoader::load(path, withCancel, &error));
        if (cancel->load())
            return;
        // Queued to the store's thread; dropped if the store is gone by then.
        QMetaObject::invokeMethod(
            self.data(),
            [self, loaded, error, path, generation] {
                if (!self || generation != self->m_generation)
                    return;
                if (self->m_loader) {
                    self->m_loader->wait();
                    self->m_loader->deleteLater();
                    self->m_loader = nullptr;
                }
                QString adoptError = error;
                if (*loaded && self->adopt(std::move(**loaded), &adoptError))
                    Q_EMIT self->opened(path);
                else
                    Q_EMIT self->openFailed(path, adoptError);
            },
            Qt::QueuedConnection);
    });
    m_loader->start();
}

void CaptureStore::cancelOpen() {
    if (m_cancel)
        m_cancel->store(true);
    if (m_loader) {
        m_loader->wait();
        delete m_loader;
        m_loader = nullptr;
    }
    ++m_generation;
}

bool CaptureStore::adopt(LoadedSession session, QString *error) {
    CaptureReader reader;
    if (!reader.open(session.path, error))
        return false;
    m_reader = std::move(reader);
    m_index = std::move(session.index);
    m_needingAnalysis = std::move(session.needingAnalysis);
    m_recent.clear();
    Q_EMIT reset();
    HeapTrim::releaseFreePagesSoon(); // the old index and the models' old rows are gone now
    return true;
}

void CaptureStore::appendLoaded(const LoadedSession &more) {
    if (more.index.isEmpty())
        return;
    const qsizetype first = m_index.size();
    m_index.append(more.index);
    m_needingAnalysis.append(more.needingAnalysis);
    if (m_index.size() > first)
        Q_EMIT rowsAppended(first, m_index.size() - 1);
}

void CaptureStore::clear() {
    m_index = CaptureIndex();
    m_needingAnalysis.clear();
    m_recent.clear();
    Q_EMIT cleared();
    HeapTrim::releaseFreePagesSoon();
}

void CaptureStore::close() {
    cancelOpen();
    m_reader = CaptureReader();
    clear();
}

void CaptureStore::releaseFile() {
    m_reader = CaptureReader();
}

bool CaptureStore::relocate(const QString &path, QString *error) {
    CaptureReader reader;
    if (!reader.open(path, error)) {
        m_reader = CaptureReader();
        return false;
    }
    m_reader = std::move(reader);
    return true;
}

void CaptureStore::append(QList<AnalysedCapture> batch) {
    QList<QList<AnalysedCapture>> batches;
    batches.append(std::move(batch));
    append(std::move(batches));
}

void CaptureStore::append(QList<QList<AnalysedCapture>> batches) {
    const qsizetype first = m_index.size();
    for (QList<AnalysedCapture> &batch : batches) {
        qsizetype kept = 0;
        for (qsizetype i = 0; i < batch.size(); ++i) {
            if (m_index.append(batch.at(i))) {
                if (kept != i) // only after a capture was ignored, which should never happen
                    batch[kept] = batch.at(i);
                ++kept;
            } else {
                qWarning("CaptureStore: ignoring capture %lld, not newer than the last one",
                         batch.at(i).capture.id);
            }
        }
        if (kept < batch.size()) // resize() would copy a shared list even to the same size
            batch.resize(kept);
    }
    m_recent.add(std::move(batches));
    if (m_index.size() > first)
        Q_EMIT rowsAppended(first, m_index.size() - 1);
}

void CaptureStore::updateAnalyses(const QList<AnalysedCapture> &batch) {
    // All rows at once: the index rewrites each list they are in once per batch.
    QList<CaptureIndex::Reanalysis> updates;
    updates.reserve(batch.size());
    QSet<qint64> ids;
    ids.reserve(batch.size());
    for (const AnalysedCapture &analysed : batch) {
        const qsizetype position = m_index.positionOf(analysed.capture.id);
        if (position < 0)
            continue;
        updates.append({position, &analysed});
        ids.insert(analysed.capture.id);
        m_recent.setAnalysis(analysed.capture.id, analysed.analysis);
    }
    if (updates.isEmpty())
        return;
    // The shapes before, one after another: whether each event embeds its entity.
    std::vector<bool> shapes;
    std::vector<size_t> shapeStarts;
    shapeStarts.reserve(size_t(updates.size()) + 1);
    for (const CaptureIndex::Reanalysis &update : std::as_const(updates)) {
        shapeStarts.push_back(shapes.size());
        appendEventShape(update.position, shapes);
    }
    shapeStarts.push_back(shapes.size());
    m_index.updateAnalyses(updates);
    dropFromNeedingAnalysis(ids);
    m_reshaped.clear();
    for (qsizetype i = 0; i < updates.size(); ++i) {
        const auto begin = shapes.cbegin() + qsizetype(shapeStarts[size_t(i)]);
        const auto end = shapes.cbegin() + qsizetype(shapeStarts[size_t(i) + 1]);
        if (!hasEventShape(updates.at(i).position, begin, end))
            m_reshaped.append(quint32(updates.at(i).position));
    }
    std::sort(m_reshaped.begin(), m_reshaped.end());
    qsizetype runFirst = -1;
    qsizetype runLast = -1;
    for (const CaptureIndex::Reanalysis &update : std::as_const(updates)) {
        const qsizetype position = update.position;
        if (position == runLast + 1 && runFirst >= 0) {
            runLast = position;
            continue;
        }
        if (runFirst >= 0)
            Q_EMIT rowsChanged(runFirst, runLast);
        runFirst = runLast = position;
    }
    if (runFirst >= 0)
        Q_EMIT rowsChanged(runFirst, runLast);
    m_reshaped.clear();
    // Captures that arrived while older rows waited for their digests were numbered
    // ahead of them; once every row has its digest, the numbers follow arrival order.
    if (m_needingAnalysis.isEmpty())
        settleDeliveries();
}

void CaptureStore::reanalysisEnded() {
    // Rows it did not reach keep no digest and count as no message until a later one does.
    settleDeliveries();
}

void CaptureStore::settleDeliveries() {
    const DeliveryIndex::Changed renumbered = m_index.settleDeliveries();
    if (renumbered.first >= 0)
        Q_EMIT rowsChanged(renumbered.first, renumbered.last);
}

bool CaptureStore::eventsReshaped(qsizetype first, qsizetype last) const {
    const auto found = std::lower_bound(m_reshaped.cbegin(), m_reshaped.cend(), quint32(first));
    return found != m_reshaped.cend() && qsizetype(*found) <= last;
}

void CaptureStore::appendEventShape(qsizetype position, std::vector<bool> &shapes) const {
    const EventIndex &events = m_index.events();
    const qsizetype count = events.countOf(position);
    for (qsizetype ordinal = 0; ordinal < count; ++ordinal)
        shapes.push_back(events.at(position, ordinal).entityIncluded);
}

bool CaptureStore::hasEventShape(qsizetype position, std::vector<bool>::const_iterator begin,
                                 std::vector<bool>::const_iterator end) const {
    const EventIndex &events = m_index.events();
    if (events.countOf(position) != qsizetype(end - begin))
        return false;
    for (qsizetype ordinal = 0; begin != end; ++begin, ++ordinal) {
        if (events.at(position, ordinal).entityIncluded != *begin)
            return false;
    }
    return true;
}

void CaptureStore::dropFromNeedingAnalysis(const QSet<qint64> &ids) {
    // The list is in id order and a reanalysis runs in that order, so the ids of a batch
    // are a stretch at its front: only that stretch is scanned, and erasing at the front
    // of a QList moves nothing (a plain removeIf() moved the whole list for every batch).
    if (ids.isEmpty() || m_needingAnalysis.isEmpty())
        return;
    const auto [low, high] = std::minmax_element(ids.cbegin(), ids.cend());
    const auto begin = std::lower_bound(m_needingAnalysis.begin(), m_needingAnalysis.end(), *low);
    const auto end = std::upper_bound(begin, m_needingAnalysis.end(), *high);
    // Keep the survivors at the back of [begin, end), in order; erase what is left in front.
    const auto kept =
        std::remove_if(std::make_reverse_iterator(end), std::make_reverse_iterator(begin),
                       [&ids](qint64 id) { return ids.contains(id); })
            .base();
    m_needingAnalysis.erase(begin, kept);
}

std::optional<AnalysedCapture> CaptureStore::capture(qint64 id, QString *error) const {
    if (const AnalysedCapture *recent = m_recent.find(id))
        return *recent;
    if (m_index.positionOf(id) < 0) {
        if (error)
            *error = QStringLiteral("There is no capture %1 in this session").arg(id);
        return std::nullopt;
    }
    return m_reader.read(id, error);
}

QList<EntityVersion> CaptureStore::entityHistory(const QString &entityId, QString *error) const {
    Q_UNUSED(error); // answered from memory: the index holds every event's entity id
    return m_index.entityHistory(entityId);
}
