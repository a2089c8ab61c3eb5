#include "mainwindow.h"

#include "appinfo.h"
#include "dialogs/aboutdialog.h"
#include "dialogs/modaldialogs.h"
#include "focuscopy.h"
#include "icons.h"
#include "live/capturefeed.h"
#include "live/eventloopprobe.h"
#include "live/listenercontroller.h"
#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"
#include "panes/captures/capturetableview.h"
#include "panes/captures/emptystateoverlay.h"
#include "panes/captureselection.h"
#include "panes/detail/detailpane.h"
#include "panes/events/eventpane.h"
#include "panes/filters/filterpane.h"
#include "panes/listener/listenerbar.h"
#include "panes/panefocus.h"
#include "panes/windowstatusbar.h"
#include "session/capturepipeline.h"
#include "session/capturestore.h"
#include "session/exportflow.h"
#include "session/exportjob.h"
#include "session/recentmenu.h"
#include "session/salvageflow.h"
#include "session/sessioncontroller.h"
#include "session/sessionprompts.h"
#include "text/countedtext.h"
#include "windowlayout.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QPointer>
#include <QScreen>
#include <QSplitter>

using namespace Qt::Literals::StringLiterals;

namespace {

/// The first window's size, before a layout is remembered: 1600 × 1000, or nine tenths
/// of the screen's free area where that is smaller (a 1366 × 768 laptop).
QSize firstRunSize(const QScreen *screen) {
    const QSize preferred(1600, 1000);
    if (!screen)
        return preferred;
    const QSize available = screen->availableGeometry().size();
    return preferred.boundedTo(QSize(available.width() * 9 / 10, available.height() * 9 / 10));
}

} // namespace

MainWindow::MainWindow(SessionPrompts *prompts, QWidget *parent)
    : QMainWindow(parent)
    , m_ownPrompts(prompts ? nullptr : std::make_unique<DialogPrompts>(this))
    , m_prompts(prompts ? prompts : m_ownPrompts.get())
    , m_pipeline(new CapturePipeline(this))
    , m_store(new CaptureStore(this))
    , m_feed(new CaptureFeed(m_store, this))
    , m_model(new CaptureTableModel(m_store, this))
    , m_proxy(new CaptureFilterProxy(m_model, this))
    , m_session(new SessionController(m_pipeline, m_store, m_feed, m_prompts, this))
    , m_listenerBar(new ListenerBar(this))
    , m_table(new CaptureTableView(m_proxy, this))
    , m_events(new EventPane(m_store, this))
    , m_filters(new FilterPane(m_store, m_proxy, this))
    , m_detail(new DetailPane(m_store, this))
    , m_status(new WindowStatusBar(this))
    , m_selection(new CaptureSelection(m_table, m_events, m_detail, this))
    , m_export(new ExportJob(this))
    , m_exportFlow(new ExportFlow(m_export, m_prompts, this))
    , m_salvage(new SalvageFlow(m_prompts, this))
    , m_probe(new EventLoopProbe(this)) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(Icons::application());
    setAcceptDrops(true);
    m_actions = WindowActions::create(this, m_listenerBar);
    m_listener = new ListenerController(m_pipeline,
                                        {m_listenerBar, m_status, m_table->emptyState(), m_detail,
                                         m_actions.listen, m_actions.sendSamples},
                                        this);
    setStatusBar(m_status);
    buildLayout();
    m_focus = new PaneFocus({m_listenerBar, m_filters, m_table, m_events, m_detail},
                            m_actions.showFilters, this);
    m_recent = new RecentMenu(m_actions.recent, this);
    connect(m_recent, &RecentMenu::openRequested, m_session, &SessionController::open);
    connectActions();
    connectPipeline();
    connectSelection();
    m_clock.start();
    m_rateTimer.setInterval(500);
    connect(&m_rateTimer, &QTimer::timeout, this, &MainWindow::updateRate);
    m_rateTimer.start();
    layoutParts().restore();
    updateTitle();
}

MainWindow::~MainWindow() {
    // The panes go before the store and the models they show. Children are deleted in the
    // order they were made, so the store would go first: its models reset, and the reset
    // reached panes that were already half taken down (a window closed before start()).
    delete m_mainSplitter;
}

void MainWindow::buildLayout() {
    m_listSplitter = new QSplitter(Qt::Vertical, this);
    m_listSplitter->setObjectName(QStringLiteral("listSplitter"));
    m_listSplitter->addWidget(m_table);
    m_listSplitter->addWidget(m_events);
    m_listSplitter->setStretchFactor(0, 3);
    m_listSplitter->setStretchFactor(1, 1);
    m_listSplitter->setChildrenCollapsible(false);
    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_filters);
    m_mainSplitter->addWidget(m_listSplitter);
    m_mainSplitter->addWidget(m_detail);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setStretchFactor(2, 2);
    // The filters and the detail may be dragged shut; the captures never.
    m_mainSplitter->setCollapsible(1, false);
    m_mainSplitter->setSizes({265, 695, 640});
    m_listSplitter->setSizes({560, 220});
    setCentralWidget(m_mainSplitter);
    resize(firstRunSize(screen()));
}

void MainWindow::connectActions() {
    const WindowActions &a = m_actions;
    connect(a.newSession, &QAction::triggered, m_session, &SessionController::newSession);
    connect(a.open, &QAction::triggered, m_session, &SessionController::openWithDialog);
    connect(a.save, &QAction::triggered, m_session, &SessionController::save);
    connect(a.saveAs, &QAction::triggered, m_session, &SessionController::saveAs);
    connect(a.appendSession, &QAction::triggered, m_session, &SessionController::appendWithDialog);
    connect(a.importHar, &QAction::triggered, m_session, &SessionController::importHarWithDialog);
    connect(m_exportFlow, &ExportFlow::message, this,
            [this](const QString &text) { m_status->showMessage(text, 8000); });
    connect(a.salvage, &QAction::triggered, m_salvage, &SalvageFlow::runWithDialogs);
    connect(m_salvage, &SalvageFlow::openRequested, m_session, &SessionController::open);
    connect(a.exportAllHar, &QAction::triggered, this, [this] { exportWithDialog(true, false); });
    connect(a.exportAllJsonl, &QAction::triggered, this,
            [this] { exportWithDialog(false, false); });
    connect(a.exportSelectedHar, &QAction::triggered, this,
            [this] { exportWithDialog(true, true); });
    connect(a.exportSelectedJsonl, &QAction::triggered, this,
            [this] { exportWithDialog(false, true); });
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    // Right-click on captures: what acts on the one shown and on the selection.
    m_table->setRowActions(a.copy, {a.copyCurl, a.resend},
                           {a.exportSelectedHar, a.exportSelectedJsonl});
    // Copy acts on the focused widget: the window's focus child, which stays while the
    // Edit menu is open. Widgets that take Ctrl+C themselves (line and text edits) get
    // the key first; the action passes it on to the others.
    connect(a.copy, &QAction::triggered, this, [this] { FocusCopy::copy(focusWidget()); });
    connect(a.edit, &QMenu::aboutToShow, this,
            [this] { m_actions.copy->setEnabled(FocusCopy::canCopy(focusWidget())); });
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (now && now->window() == this)
            m_actions.copy->setEnabled(FocusCopy::canCopy(now));
    });
    connect(a.copyCurl, &QAction::triggered, this, &MainWindow::copyCurl);
    connect(a.resend, &QAction::triggered, this, &MainWindow::resend);
    connect(a.find, &QAction::triggered, m_focus, &PaneFocus::find);
    connect(a.clearFilters, &QAction::triggered, m_filters, &FilterPane::clearFilters);
    connect(a.listen, &QAction::triggered, m_listener, &ListenerController::toggle);
    connect(a.listenerSettings, &QAction::triggered, m_listener,
            [this] { m_listener->showSettings(this); });
    connect(a.clear, &QAction::triggered, m_session, &SessionController::clear);
    connect(a.followNewest, &QAction::toggled, m_table, &CaptureTableView::setFollowNewest);
    connect(a.revealSecrets, &QAction::toggled, m_detail, &DetailPane::setSecretsRevealed);
    connect(m_detail, &DetailPane::secretsRevealedChanged, a.revealSecrets, &QAction::setChecked);
    connect(a.eventsAsList, &QAction::toggled, m_events, &EventPane::setFlat);
    connect(m_events, &EventPane::flatChanged, a.eventsAsList, &QAction::setChecked);
    connect(a.showFilters, &QAction::toggled, m_filters, &QWidget::setVisible);
    connect(a.sendSamples, &QAction::triggered, m_listener, &ListenerController::sendSamples);
    connect(a.about, &QAction::triggered, this, [this] {
        auto *about = new AboutDialog(this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->open();
    });
    connect(a.aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);

    connect(m_session, &SessionController::sessionChanged, this, [this] {
        updateTitle();
        if (!m_session->isUntitled() && !m_session->path().isEmpty())
            m_recent->add(m_session->path());
    });
    connect(m_session, &SessionController::message, this,
            [this](const QString &text) { m_status->showMessage(text, 8000); });
    connect(m_session, &SessionController::busyChanged, this, [this](bool busy) {
        const WindowActions &a = m_actions;
        for (QAction *action :
             {a.newSession, a.open, a.save, a.saveAs, a.appendSession, a.importHar, a.clear})
            action->setEnabled(!busy);
        a.recent->setEnabled(!busy);
    });
    connect(m_session, &SessionController::switched, m_focus, &PaneFocus::focusCaptures);
    connect(m_session, &SessionController::opening, m_table->emptyState(),
            &EmptyStateOverlay::setOpening);
    connect(m_session, &SessionController::loaded, this, [this] {
        // One at a time: each import is loaded before the next starts.
        if (!m_pendingImports.isEmpty())
            m_session->importHar(m_pendingImports.takeFirst());
    });
    connect(m_listener, &ListenerController::listening, this, &MainWindow::listening);
    connect(m_listener, &ListenerController::samplesSent, this, &MainWindow::samplesSent);
}

void MainWindow::connectPipeline() {
    connect(m_pipeline, &CapturePipeline::analysed, m_feed, &CaptureFeed::add);
    // The feed queues what arrives for the rows; the listener slows down while it is
    // behind rather than the queue growing under overload.
    m_pipeline->setOwnerAcknowledges(true);
    connect(m_feed, &CaptureFeed::consumed, m_pipeline, &CapturePipeline::acknowledge);
    m_store->setRetire([pipeline = QPointer<CapturePipeline>(m_pipeline)](
                           QList<QList<AnalysedCapture>> &&batches) {
        if (pipeline)
            pipeline->retire(std::move(batches));
    });
    connect(m_feed, &CaptureFeed::received, this,
            [this](qsizetype count) { m_rate.add(count, m_clock.elapsed()); });
    connect(m_pipeline, &CapturePipeline::storageFailed, m_status,
            &WindowStatusBar::setStorageError);
    connect(m_pipeline, &CapturePipeline::storageRecovered, this, [this](qint64 written) {
        m_status->clearStorageError();
        m_status->showMessage(
            QStringLiteral("The session file works again; wrote %1")
                .arg(CountedText::localized(written, "waiting capture"_L1, "waiting captures"_L1)),
            8000);
    });
}

void MainWindow::connectSelection() {
    connect(m_detail, &DetailPane::captureRequested, this, &MainWindow::showCaptureRequested);
    connect(m_detail, &DetailPane::message, this,
            [this](const QString &text) { m_status->showMessage(text, 8000); });
    // The detail pane keeps showing it (as Wireshark keeps the packet): say why no row is.
    connect(m_table, &CaptureTableView::selectedCaptureHidden, this, [this](qint64 captureId) {
        m_status->showSelectionMessage(
            QStringLiteral("Capture #%1 is hidden by the filter").arg(captureId), 8000);
    });
    connect(m_table, &CaptureTableView::selectedCaptureShown, m_status,
            &WindowStatusBar::selectionChanged);
    connect(m_table, &CaptureTableView::captureSelected, m_status,
            &WindowStatusBar::selectionChanged);
    connect(m_proxy, &CaptureFilterProxy::filterChanged, m_events, &EventPane::setFilter);
    connect(m_proxy, &CaptureFilterProxy::countsChanged, m_status, &WindowStatusBar::setCounts);
}

void MainWindow::showCaptureRequested(qint64 captureId) {
    // The detail pane shows it already: the table only follows.
    if (m_selection->followInTable(captureId))
        return;
    // The filter hides it: show everything rather than a selection the user cannot see.
    m_filters->clearFilters();
    if (m_selection->followInTable(captureId))
        m_status->showMessage(
            QStringLiteral("Cleared the filter to show capture #%1").arg(captureId), 8000);
}

void MainWindow::start(const WindowStart &start) {
    if (m_terminating) // a signal came before the event loop got here
        return;
    m_pendingImports = start.importFiles;
    if (!start.sessionFile.isEmpty()) {
        m_session->startWith(start.sessionFile);
        m_listener->start(start.listener, start.listen);
        return;
    }
    m_session->recoverLeftovers([this, start](bool recovered) {
        if (!recovered && !m_terminating)
            m_session->startUntitled();
        if (m_terminating) // while the recovery question was open
            return;
        m_listener->start(start.listener, start.listen);
    });
}

void MainWindow::copyCurl() {
    if (!m_detail->copyCurl())
        m_status->showSelectionMessage(QStringLiteral("Select a capture first"), 5000);
}

void MainWindow::resend() {
    if (!m_detail->openResend())
        m_status->showSelectionMessage(QStringLiteral("Select a capture first"), 5000);
}

void MainWindow::exportWithDialog(bool har, bool selectedOnly) {
    if (selectedOnly && m_table->selectedCaptureIds().isEmpty()) {
        m_status->showSelectionMessage(QStringLiteral("Select the captures to export first"), 8000);
        return;
    }
    m_exportFlow->runWithDialog(har, m_session->path(), [=, this](const QString &target) {
        return exportTo(target, har, selectedOnly);
    });
}

bool MainWindow::exportTo(const QString &target, bool har, bool selectedOnly) {
    if (m_export->isRunning()) {
        m_status->showMessage(QStringLiteral("An export is running already"), 8000);
        return false;
    }
    m_feed->flushAll(); // the file has them; the rows should too
    SessionExport::Options options;
    options.revealSecrets = m_detail->secretsRevealed();
    options.baseUrl = m_listenerBar->baseUrl();
    const QList<qint64> ids = selectedOnly ? m_table->selectedCaptureIds() : QList<qint64>();
    if (selectedOnly)
        options.deliveries = m_store->index().deliveriesOf(ids);
    return m_export->start(m_session->path(), ids,
                           har ? SessionExport::Format::Har : SessionExport::Format::Jsonl, target,
                           options);
}

void MainWindow::updateTitle() {
    const bool unsaved = m_session->hasUnsavedCaptures();
    setWindowTitle(m_session->displayName() + (unsaved ? QStringLiteral(" \u2022") : QString()) +
                   QStringLiteral(" \u2014 ") + QStringLiteral(MWI_APP_NAME));
    setWindowFilePath(m_session->isUntitled() ? QString() : m_session->path());
    m_status->setSession(m_session->path(), m_session->isUntitled(), unsaved);
    m_actions.save->setEnabled(!m_session->isBusy());
}

void MainWindow::updateRate() {
    m_status->setRate(m_rate.perSecond(m_clock.elapsed()));
    if (m_probe->isRunning())
        m_status->setProbeText(QStringLiteral("max stall %1 ms").arg(m_probe->maxLatenessMs()));
}

WindowLayout MainWindow::layoutParts() {
    return {this,     m_mainSplitter,         m_listSplitter,       m_table,
            m_events, m_actions.followNewest, m_actions.showFilters};
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (m_readyToClose) {
        event->accept();
        return;
    }
    event->ignore();
    layoutParts().save();
    m_session->close([this] {
        m_readyToClose = true;
        close();
    });
}

void MainWindow::terminate() {
    m_terminating = true;
    ModalDialogs::cancelAll();
    layoutParts().save();
    m_session->closeWithoutAsking([this] {
        m_readyToClose = true;
        close();
    });
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    // One file at a time: opening asks questions, importing loads in the background.
    m_session->open(urls.first().toLocalFile());
    if (urls.size() > 1)
        m_status->showMessage(QStringLiteral("Dropped %1 files: opened the first").arg(urls.size()),
                              8000);
}
