#include "detailpane.h"

#include "deliverywatch.h"
#include "detailheader.h"
#include "detailloader.h"
#include "detailtabs.h"
#include "dialogs/resenddialog.h"
#include "entitylinks.h"
#include "entitytab.h"
#include "findingsview.h"
#include "historytab.h"
#include "http/contentcoding.h"
#include "jsontreetab.h"
#include "models/capturetext.h"
#include "overviewtab.h"
#include "rawtab.h"
#include "session/capturestore.h"
#include "session/curlcommand.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

DetailPane::DetailPane(CaptureStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_loader(new DetailLoader(store, this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_page(new QWidget(this))
    , m_header(new DetailHeader(m_page))
    , m_tabs(new DetailTabs(m_page))
    , m_deliveries(new DeliveryWatch(store, this)) {
    auto *pageLayout = new QVBoxLayout(m_page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(0);
    pageLayout->addWidget(m_header);
    pageLayout->addWidget(m_tabs);

    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_page);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_tabs->tabBar(), &QTabBar::tabBarClicked, this,
            [this](int page) { m_userPage = page; });
    connect(m_loader, &DetailLoader::loaded, this, &DetailPane::applyContent);
    connect(m_loader, &DetailLoader::failed, this, &DetailPane::applyFailure);
    connect(m_loader, &DetailLoader::rawReady, m_tabs->raw(), &RawTab::setText);
    connect(m_header, &DetailHeader::revealToggled, this, &DetailPane::setSecretsRevealed);
    connect(m_header, &DetailHeader::curlRequested, this, &DetailPane::copyCurl);
    connect(m_header, &DetailHeader::resendRequested, this, &DetailPane::openResend);
    connect(m_tabs->raw(), &RawTab::prettyToggled, this, [this] { rebuildRaw(); });
    connect(m_tabs->findingsView(), &FindingsView::pathOpened, this, &DetailPane::openFinding);
    // Moving through the findings by keyboard marks each one's place in the JSON tree
    // (shown when the user opens it or switches tabs), leaving the list its focus.
    connect(m_tabs->findingsView(), &FindingsView::pathMarked, this, [this](const QString &path) {
        if (!path.isEmpty())
            whenLoaded([this, path] { m_tabs->json()->selectPath(path, false); });
    });
    connect(m_tabs->entity(), &EntityTab::formChanged, this, [this] {
        updateLinks();
        updateHistory();
    });
    connect(m_tabs->entity(), &EntityTab::linkActivated, this, &DetailPane::followLink);
    connect(m_tabs->entity(), &EntityTab::pathActivated, this, [this](const QString &path) {
        m_tabs->setCurrentWidget(m_tabs->json());
        m_tabs->json()->selectPath(path);
    });
    connect(m_tabs->history(), &HistoryTab::versionActivated, this, &DetailPane::openVersion);
    connect(m_tabs->overview(), &OverviewTab::captureRequested, this,
            &DetailPane::captureRequested);
    // The shown message sent again adds a delivery to its Overview.
    connect(m_deliveries, &DeliveryWatch::arrived, this, [this](qint64 captureId) {
        if (captureId == m_captureId && m_capture.capture.id == m_captureId)
            updateOverview();
    });
    if (m_store) {
        connect(m_store, &CaptureStore::reset, this, &DetailPane::clear);
        connect(m_store, &CaptureStore::cleared, this, &DetailPane::clear);
        // An Integration webhook that arrives later can name the enterprise or
        // integration of the General webhook shown.
        connect(m_store, &CaptureStore::rowsAppended, this, [this] {
            if (m_captureId && m_capture.capture.id == m_captureId && !m_loading &&
                sessionNames() != m_names)
                updateOverview();
        });
        connect(m_store, &CaptureStore::rowsChanged, this, [this](qsizetype first, qsizetype last) {
            const qsizetype position = m_store->positionOf(m_captureId);
            if (m_captureId && position >= first && position <= last)
                load(m_captureId, true); // analysed again
        });
    }
    clear();
}

DetailPane::~DetailPane() = default;

void DetailPane::showEmpty(const QString &text) {
    m_loader->cancel();
    m_loading = false;
    m_afterLoad.clear();
    m_captureId = 0;
    m_capture = AnalysedCapture();
    m_deliveries->watch(0);
    m_empty->setText(text);
    m_stack->setCurrentWidget(m_empty);
    showMessageInTabs(QString());
}

void DetailPane::clear() {
    showEmpty(QStringLiteral("Select a capture to see it here: what Mews sent, what it means, "
                             "and whether it keeps to the published contract."));
}

QString DetailPane::emptyText() const {
    return m_stack->currentWidget() == m_empty ? m_empty->text() : QString();
}

bool DetailPane::load(qint64 captureId, bool force) {
    if (!force && captureId == m_captureId && m_captureId != 0)
        return true;
    m_afterLoad.clear();
    m_captureId = captureId;
    switch (m_loader->load(captureId, m_revealed, m_tabs->raw()->prettyRequested())) {
    case DetailLoader::Start::Missing:
        showEmpty(QStringLiteral("There is no capture #%1 in this session.").arg(captureId));
        return false;
    case DetailLoader::Start::Reading:
        showReading(captureId);
        return true;
    case DetailLoader::Start::Done:
        break;
    }
    return m_captureId == captureId; // a failure has shown the empty page
}

void DetailPane::showReading(qint64 captureId) {
    m_loading = true;
    m_header->setTitle(QStringLiteral("Capture #%1").arg(captureId),
                       QStringLiteral("#%1").arg(captureId));
    m_stack->setCurrentWidget(m_page);
    const qsizetype position = m_store->positionOf(captureId);
    const QString loading = QStringLiteral("Reading capture #%1 (%2 body)…")
                                .arg(captureId)
                                .arg(CaptureText::dataSize(m_store->row(position).bodySize));
    showMessageInTabs(loading);
}

void DetailPane::showMessageInTabs(const QString &message) {
    m_tabs->showMessage(message);
    m_header->setCaptureActionsEnabled(false);
    updateTabTitles();
}

void DetailPane::updateOverview() {
    m_deliveries->watch(m_captureId);
    if (!m_store) {
        m_tabs->overview()->setCapture(m_capture, m_revealed);
        return;
    }
    m_names = sessionNames();
    m_tabs->overview()->setCapture(m_capture, m_revealed,
                                   DeliveryHistory::of(*m_store, m_capture.capture), m_names);
}

OverviewTab::SessionNames DetailPane::sessionNames() const {
    OverviewTab::SessionNames names;
    const qsizetype position = m_store->positionOf(m_captureId);
    if (position >= 0) {
        const CaptureIndexRow &row = m_store->row(position);
        names.enterprise = m_store->index().enterpriseName(row.enterpriseId);
        names.integration = m_store->index().integrationName(row.integrationId);
    }
    return names;
}

void DetailPane::applyFailure(qint64 captureId, const QString &error) {
    showEmpty(QStringLiteral("Capture #%1 could not be read: %2").arg(captureId).arg(error));
}

void DetailPane::applyContent(const DetailContent &content) {
    m_capture = content.capture;
    m_captureId = m_capture.capture.id;
    m_header->setTitle(QStringLiteral("Capture #%1").arg(m_captureId),
                       QStringLiteral("#%1").arg(m_captureId));
    m_stack->setCurrentWidget(m_page);
    updateOverview();
    m_header->setCaptureActionsEnabled(true);
    m_tabs->setContent(content, m_revealed);
    m_loading = false;
    updateTabTitles();
    for (const std::function<void()> &action : std::exchange(m_afterLoad, {}))
        action();
    Q_EMIT loaded(m_captureId);
}

void DetailPane::rebuildRaw() {
    if (!m_captureId)
        return;
    if (m_loading) {
        load(m_captureId, true); // the running load used the old settings
        return;
    }
    if (!m_loader->formatRaw(m_capture, m_revealed, m_tabs->raw()->prettyRequested()))
        m_tabs->raw()->showMessage(QStringLiteral("Formatting the body…"));
}

void DetailPane::whenLoaded(std::function<void()> action) {
    if (m_loading)
        m_afterLoad.append(std::move(action));
    else
        action();
}

void DetailPane::showCapture(qint64 captureId) {
    if (!load(captureId))
        return;
    m_tabs->setCurrentIndex(m_userPage >= 0 ? m_userPage : int(DetailTabs::OverviewPage));
}

void DetailPane::showEvent(qint64 captureId, int eventIndex) {
    if (!load(captureId))
        return;
    m_tabs->setCurrentWidget(m_tabs->entity());
    whenLoaded([this, eventIndex] { m_tabs->entity()->selectEvent(eventIndex); });
}

void DetailPane::showEntity(qint64 captureId, int entityIndex) {
    if (!load(captureId))
        return;
    m_tabs->setCurrentWidget(m_tabs->entity());
    whenLoaded([this, entityIndex] { m_tabs->entity()->selectEntity(entityIndex); });
}

void DetailPane::showPath(qint64 captureId, const QString &jsonPath) {
    if (!load(captureId))
        return;
    m_tabs->setCurrentWidget(m_tabs->json());
    whenLoaded([this, jsonPath] { m_tabs->json()->selectPath(jsonPath); });
}

void DetailPane::setSecretsRevealed(bool revealed) {
    if (revealed == m_revealed)
        return;
    m_revealed = revealed;
    m_header->setRevealed(revealed);
    m_tabs->setSecretsRevealed(revealed);
    if (m_captureId) {
        updateOverview();
        rebuildRaw();
    }
    Q_EMIT secretsRevealedChanged(revealed);
}

void DetailPane::setListenerUrl(const QString &baseUrl) {
    m_listenerUrl = baseUrl;
}

QString DetailPane::curlCommand() const {
    if (!m_captureId || m_capture.capture.id != m_captureId)
        return QString();
    CurlCommand::Options options;
    if (!m_listenerUrl.isEmpty())
        options.baseUrl = m_listenerUrl;
    else if (m_capture.capture.localPort)
        options.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(m_capture.capture.localPort);
    options.revealSecrets = m_revealed;
    return QString::fromUtf8(CurlCommand::build(m_capture.capture, options));
}

bool DetailPane::copyCurl() {
    if (!m_captureId)
        return false;
    whenLoaded([this] {
        QApplication::clipboard()->setText(curlCommand());
        QString text = m_revealed ? QStringLiteral("Copied a curl command")
                                  : QStringLiteral("Copied a curl command (secrets masked: reveal "
                                                   "them to copy a command that authenticates)");
        if (const QString warning = ContentCoding::replayWarning(m_capture.capture);
            !warning.isEmpty())
            text += QStringLiteral(". ") + warning;
        Q_EMIT message(text);
    });
    return true;
}

bool DetailPane::openResend() {
    if (!m_captureId)
        return false;
    whenLoaded([this] {
        auto *dialog = new ResendDialog(m_capture.capture, m_revealed, window());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    return true;
}

void DetailPane::openFinding(const QString &path) {
    if (!path.isEmpty()) {
        m_tabs->setCurrentWidget(m_tabs->json());
        whenLoaded([this, path] { m_tabs->json()->selectPath(path); });
    } else if (m_capture.analysis.jsonError.isValid()) {
        m_tabs->setCurrentWidget(m_tabs->raw()); // the body as a whole: where it stopped being JSON
    }
}

void DetailPane::updateTabTitles() {
    m_tabs->updateTitles(m_captureId != 0);
}

void DetailPane::updateLinks() {
    if (!m_store || !m_captureId)
        return;
    const EntityForm &form = m_tabs->entity()->form();
    m_tabs->entity()->setLinkedIds(EntityLinks(*m_store).linked(
        m_tabs->entity()->model()->referencedIds(), m_captureId, form.path));
}

void DetailPane::updateHistory() {
    if (m_store && m_captureId)
        m_tabs->history()->setEntity(*m_store, m_tabs->entity()->form(), m_captureId);
    else
        m_tabs->history()->clear();
    updateTabTitles();
}

void DetailPane::followLink(const QString &entityId, const QString &entityType) {
    if (!m_store)
        return;
    const std::optional<EntityVersion> version = EntityLinks(*m_store).target(
        entityId, entityType, m_captureId, m_tabs->entity()->form().path);
    if (version)
        openVersion(entityId, *version);
}

void DetailPane::openVersion(QString entityId, EntityVersion version) {
    if (version.captureId != m_captureId)
        Q_EMIT captureRequested(version.captureId);
    if (!load(version.captureId))
        return;
    m_tabs->setCurrentWidget(m_tabs->entity());
    whenLoaded([this, entityId, version] {
        const MewsAnalysis &analysis = m_capture.analysis;
        for (int i = 0; version.embedded() && i < analysis.entities.size(); ++i) {
            if (analysis.entities.at(i).path == version.path) {
                m_tabs->entity()->selectEntity(i);
                return;
            }
        }
        for (int i = 0; i < analysis.events.size(); ++i) {
            const WebhookEvent &event = analysis.events.at(i);
            if (event.entityId == entityId && event.discriminator == version.discriminator) {
                m_tabs->entity()->selectEvent(i);
                return;
            }
        }
    });
}
