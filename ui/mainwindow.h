#pragma once

#include "http/listenerconfig.h"
#include "live/arrivalrate.h"
#include "windowactions.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QStringList>
#include <QTimer>

#include <memory>

class CaptureFeed;
class CaptureFilterProxy;
class CaptureSelection;
class CapturePipeline;
class CaptureStore;
class CaptureTableModel;
class CaptureTableView;
class DetailPane;
class EventLoopProbe;
class EventPane;
class ExportFlow;
class ExportJob;
class SalvageFlow;
class FilterPane;
class ListenerBar;
class ListenerController;
class PaneFocus;
class QSplitter;
class RecentMenu;
class SessionController;
class SessionPrompts;
class WindowStatusBar;
struct WindowLayout;

/// What the window starts with (the command line and the saved settings, merged).
struct WindowStart {
    ListenerConfig listener;
    bool listen = true;
    /// Shown and recorded into (--session, --open or the first positional session file);
    /// empty: a new untitled live session, after offering to recover leftovers.
    QString sessionFile;
    /// HAR files to import once the session is loaded.
    QStringList importFiles;
};

/**
 * The inspector window. Composes the panes (filters | captures over events | detail),
 * the toolbar, menus and status bar, and wires them to the live pipeline, the store
 * and the session controller; it holds no logic of its own beyond that wiring.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// prompts: the questions to ask (nullptr: dialogs); tests pass scripted answers.
    explicit MainWindow(SessionPrompts *prompts = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    void start(const WindowStart &start);
    /// Closes without questions (SIGTERM): a question or dialog that is open is cancelled,
    /// and an untitled session with captures is kept under AppDataLocation/sessions, named
    /// in message().
    void terminate();

    CapturePipeline *pipeline() const { return m_pipeline; }
    CaptureStore *store() const { return m_store; }
    CaptureFeed *feed() const { return m_feed; }
    CaptureFilterProxy *proxy() const { return m_proxy; }
    CaptureTableView *captureView() const { return m_table; }
    EventPane *eventPane() const { return m_events; }
    FilterPane *filterPane() const { return m_filters; }
    DetailPane *detailPane() const { return m_detail; }
    ListenerBar *listenerBar() const { return m_listenerBar; }
    WindowStatusBar *windowStatusBar() const { return m_status; }
    SessionController *session() const { return m_session; }
    ListenerController *listener() const { return m_listener; }
    EventLoopProbe *probe() const { return m_probe; }
    ExportJob *exportJob() const { return m_export; }
    SalvageFlow *salvageFlow() const { return m_salvage; }
    const WindowActions &actions() const { return m_actions; }
    /// Exports to target without asking (selectedOnly: the selected rows).
    bool exportTo(const QString &target, bool har, bool selectedOnly);

Q_SIGNALS:
    /// The listener listens at this base URL ("http://127.0.0.1:8089/").
    void listening(const QString &url);
    void samplesSent(int sent, int failed);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildLayout();
    void connectActions();
    void connectPipeline();
    void connectSelection();
    WindowLayout layoutParts();
    void exportWithDialog(bool har, bool selectedOnly);
    void copyCurl();
    void resend();
    void updateTitle();
    void updateRate();
    void showCaptureRequested(qint64 captureId);

    std::unique_ptr<SessionPrompts> m_ownPrompts;
    SessionPrompts *m_prompts;
    CapturePipeline *m_pipeline;
    CaptureStore *m_store;
    CaptureFeed *m_feed;
    CaptureTableModel *m_model;
    CaptureFilterProxy *m_proxy;
    SessionController *m_session;
    ListenerBar *m_listenerBar;
    CaptureTableView *m_table;
    EventPane *m_events;
    FilterPane *m_filters;
    DetailPane *m_detail;
    WindowStatusBar *m_status;
    CaptureSelection *m_selection;
    ExportJob *m_export;
    ExportFlow *m_exportFlow;
    SalvageFlow *m_salvage;
    RecentMenu *m_recent = nullptr;
    PaneFocus *m_focus = nullptr;
    EventLoopProbe *m_probe;
    ListenerController *m_listener = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_listSplitter = nullptr;
    WindowActions m_actions;
    ArrivalRate m_rate;
    QElapsedTimer m_clock;
    QTimer m_rateTimer;
    QStringList m_pendingImports;
    bool m_readyToClose = false;
    bool m_terminating = false; ///< terminate() was called
};
