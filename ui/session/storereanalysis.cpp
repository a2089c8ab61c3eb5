#include "storereanalysis.h"

#include "session/capturepipeline.h"
#include "session/capturestore.h"
#include "text/countedtext.h"

using namespace Qt::Literals::StringLiterals;

StoreReanalysis::StoreReanalysis(CapturePipeline *pipeline, CaptureStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store) {
    connect(pipeline, &CapturePipeline::reanalysed, store, &CaptureStore::updateAnalyses);
    connect(pipeline, &CapturePipeline::reanalysisFinished, this, &StoreReanalysis::onFinished);
}

void StoreReanalysis::onFinished(qint64 count, const QString &error) {
    // the last piece was applied before this arrives
    m_store->reanalysisEnded();
    Q_EMIT message(error.isEmpty()
                       ? QStringLiteral("Analysed %1 again")
                             .arg(CountedText::localized(count, "capture"_L1, "captures"_L1))
                       : QStringLiteral("Analysing captures again failed: ") + error);
}
