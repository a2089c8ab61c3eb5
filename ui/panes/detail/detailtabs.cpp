#include "detailtabs.h"

#include "detailcontent.h"
#include "entitytab.h"
#include "findingsview.h"
#include "headersview.h"
#include "historytab.h"
#include "jsontreetab.h"
#include "models/findingsmodel.h"
#include "overviewtab.h"
#include "rawtab.h"
#include "severitydecoration.h"

DetailTabs::DetailTabs(QWidget *parent)
    : QTabWidget(parent)
    , m_overview(new OverviewTab(this))
    , m_entity(new EntityTab(this))
    , m_json(new JsonTreeTab(this))
    , m_raw(new RawTab(this))
    , m_headers(new HeadersView(this))
    , m_findingsView(new FindingsView(this))
    , m_findings(m_findingsView->findings())
    , m_history(new HistoryTab(this)) {
    addTab(m_overview, QStringLiteral("Overview"));
    addTab(m_entity, QStringLiteral("Entity"));
    addTab(m_json, QStringLiteral("JSON tree"));
    addTab(m_raw, QStringLiteral("Raw"));
    addTab(m_headers, QStringLiteral("Headers"));
    addTab(m_findingsView, QStringLiteral("Contract findings"));
    addTab(m_history, QStringLiteral("History"));
    setDocumentMode(true);
}

void DetailTabs::setContent(const DetailContent &content, bool revealed) {
    const Capture &capture = content.capture.capture;
    const MewsAnalysis &analysis = content.capture.analysis;
    m_headers->setFields(capture.headers, capture.trailers);
    m_headers->setSecretsRevealed(revealed);
    m_findings->setFindings(analysis.findings);
    m_findingsView->resizeColumnToContents(FindingsModel::PathColumn);
    if (content.json.isReadable()) {
        m_json->setBody(content.json, content.findings, capture.body.size());
        m_json->setSecretsRevealed(revealed);
    } else {
        m_json->showMessage(QStringLiteral("The body is not JSON") +
                            (analysis.kindReason.isEmpty()
                                 ? QString()
                                 : QStringLiteral(": ") + analysis.kindReason) +
                            u'.');
    }
    m_entity->setSecretsRevealed(revealed);
    if (content.capture.analysed)
        m_entity->setCapture(content.json, analysis, content.findings);
    else
        m_entity->showMessage(QStringLiteral("This capture has not been analysed yet."));
    m_raw->setText(content.raw);
}

void DetailTabs::showMessage(const QString &message) {
    m_overview->showMessage(message);
    m_entity->showMessage(message);
    m_json->showMessage(message);
    m_raw->showMessage(message);
    m_headers->clear();
    m_findings->clear();
    m_history->clear();
}

void DetailTabs::setSecretsRevealed(bool revealed) {
    m_headers->setSecretsRevealed(revealed);
    m_json->setSecretsRevealed(revealed);
    m_entity->setSecretsRevealed(revealed);
}

void DetailTabs::updateTitles(bool captureShown) {
    const auto titled = [captureShown](const QString &title, qsizetype count) {
        return captureShown ? QStringLiteral("%1 (%2)").arg(title).arg(count) : title;
    };
    setTabText(HeadersPage, titled(QStringLiteral("Headers"), m_headers->fieldCount()));
    setTabText(FindingsPage, titled(QStringLiteral("Contract findings"), m_findings->rowCount()));
    setTabText(HistoryPage, titled(QStringLiteral("History"), m_history->rowCount()));
    setTabIcon(FindingsPage, m_findings->rowCount() > 0
                                 ? SeverityDecoration::icon(m_findings->finding(0).severity)
                                 : QIcon());
}
