#pragma once

#include "http/listenerconfig.h"
#include "http/listenerfailure.h"

#include <QHostAddress>
#include <QObject>

class CapturePipeline;
class DetailPane;
class EmptyStateOverlay;
class ListenerBar;
class QAction;
class QWidget;
class SampleSender;
class WindowStatusBar;

/**
 * The window's side of the listener: starts and stops it, applies and remembers its
 * settings, and shows its state (the address, the token masked, or why it is not
 * listening) in the toolbar, the status bar, the empty table and the detail pane.
 * Also sends the bundled samples to it (Help → Send sample webhooks).
 */
class ListenerController : public QObject {
    Q_OBJECT

public:
    /// Where the listener's state is shown; every pointer must outlive the controller.
    struct Views {
        ListenerBar *bar = nullptr;
        WindowStatusBar *status = nullptr;
        EmptyStateOverlay *emptyState = nullptr;
        DetailPane *detail = nullptr;
        QAction *listen = nullptr;      ///< start/stop, its text and icon follow the state
        QAction *sendSamples = nullptr; ///< enabled while listening and not sending
    };

    ListenerController(CapturePipeline *pipeline, const Views &views, QObject *parent = nullptr);

    /// Takes config as the current settings and, when listen is set, starts listening.
    /// Until it is called the views say "Starting…" and start/stop is disabled: the
    /// window is choosing the session to record into (it may be asking about leftovers).
    void start(const ListenerConfig &config, bool listen);
    void toggle();
    /**
     * Applies a configuration and saves it in QSettings; false with *error, nothing
     * changed and nothing saved, when it is refused. While listening, a new address or
     * port is bound before the old one is given up (refused if it cannot be: a port in
     * use), and other settings keep the socket. While stopped on purpose it stays
     * stopped; after a failed start it starts again with the new settings.
     */
    bool apply(const ListenerConfig &config, QString *error);
    /// The listener settings dialog, modal on parent; it applies on OK and stays open
    /// with the error when the settings are refused.
    void showSettings(QWidget *parent);
    /// POSTs the bundled samples to the running listener; says so when it is not running.
    void sendSamples();

    ListenerConfig config() const { return m_config; }
    bool isListening() const { return m_listening; }
    /// The address it listens on (a wildcard stays one); null until it first listens.
    QHostAddress address() const { return m_address; }
    SampleSender *sampleSender() const { return m_samples; }

Q_SIGNALS:
    /// Listening at this base URL ("http://127.0.0.1:8089/").
    void listening(const QString &url);
    void samplesSent(int sent, int failed);

private:
    void onListening(const QHostAddress &address, quint16 port);
    void onFailed(const ListenerFailure &failure);
    void onStopped();
    void onSamplesSent(int sent, int failed, const QString &error);
    void setListeningState(bool listening);
    void showListening();

    CapturePipeline *m_pipeline;
    Views m_views;
    SampleSender *m_samples;
    ListenerConfig m_config;
    bool m_listening = false;
    bool m_wanted = false; ///< listening asked for (start, toggle), not stopped on purpose
    QHostAddress m_address;
    quint16 m_port = 0;
};
