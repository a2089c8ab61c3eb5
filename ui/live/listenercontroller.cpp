#include "listenercontroller.h"

#include "dialogs/listenersettingsdialog.h"
#include "http/bindaddress.h"
#include "icons.h"
#include "live/listenersettings.h"
#include "live/samplesender.h"
#include "panes/captures/emptystateoverlay.h"
#include "panes/detail/detailpane.h"
#include "panes/listener/listenerbar.h"
#include "panes/windowstatusbar.h"
#include "session/capturepipeline.h"
#include "session/listenerurl.h"

#include <QAction>
#include <QSettings>

namespace {

constexpr int MessageMs = 8000;

} // namespace

ListenerController::ListenerController(CapturePipeline *pipeline, const Views &views,
                                       QObject *parent)
    : QObject(parent)
    , m_pipeline(pipeline)
    , m_views(views)
    , m_samples(new SampleSender(this)) {
    connect(m_pipeline, &CapturePipeline::listening, this, &ListenerController::onListening);
    connect(m_pipeline, &CapturePipeline::listenerFailed, this, &ListenerController::onFailed);
    connect(m_pipeline, &CapturePipeline::listenerStopped, this, &ListenerController::onStopped);
    connect(m_samples, &SampleSender::finished, this, &ListenerController::onSamplesSent);
    connect(m_views.status, &WindowStatusBar::listenerSettingsRequested, this,
            [this] { showSettings(m_views.status->window()); });
    // Until start(): the window waits for the session to record into.
    setListeningState(false);
    m_views.listen->setEnabled(false);
    m_views.bar->setNotListening(QStringLiteral("Starting\u2026"));
    m_views.status->setListenerStarting();
    m_views.emptyState->setStarting();
}

void ListenerController::start(const ListenerConfig &config, bool listen) {
    m_config = config;
    m_wanted = listen;
    m_views.listen->setEnabled(true);
    if (listen)
        m_pipeline->startListening(m_config);
    else
        onStopped();
}

void ListenerController::toggle() {
    if (m_listening || m_pipeline->isListening()) {
        m_wanted = false;
        m_pipeline->stopListening();
    } else {
        m_wanted = true;
        m_pipeline->startListening(m_config);
    }
}

bool ListenerController::apply(const ListenerConfig &config, QString *error) {
    // Running: a new address is bound before the old one is given up, and refused if it
    // cannot be; anything else changes in place, on the same socket. Stopped: it only
    // validates and keeps the settings for the next start.
    if (!m_pipeline->setListenerConfig(config, error))
        return false;
    const bool addressChanged = !BindAddress::sameEndpoint(config, m_config);
    m_config = config;
    QSettings settings;
    ListenerSettings::save(settings, config);
    if (!m_pipeline->isListening()) {
        // Not listening after a failure (a busy port): these settings are the way out.
        // Stopped on purpose: it stays stopped.
        if (m_wanted)
            m_pipeline->startListening(config);
    } else if (!addressChanged && m_listening) {
        showListening(); // the token may have changed; a move shows itself (onListening)
    }
    return true;
}

void ListenerController::showSettings(QWidget *parent) {
    ListenerSettingsDialog dialog(m_config, parent);
    // Applied before the dialog closes: a refused setting (a port in use) is shown in
    // it, and the listener goes on as it was.
    dialog.setApply(
        [this](const ListenerConfig &config, QString *error) { return apply(config, error); });
    dialog.exec();
}

void ListenerController::sendSamples() {
    if (!m_listening || m_views.bar->baseUrl().isEmpty()) {
        m_views.status->showMessage(QStringLiteral("Start listening first"), MessageMs);
        return;
    }
    if (m_samples->send(m_views.bar->baseUrl(), m_config.token)) {
        m_views.sendSamples->setEnabled(false);
        m_views.status->showMessage(
            QStringLiteral("Sending %1 sample webhooks…").arg(SampleSender::samples().size()));
    }
}

void ListenerController::onListening(const QHostAddress &address, quint16 port) {
    setListeningState(true);
    m_address = address;
    m_port = port;
    showListening();
    Q_EMIT listening(ListenerUrl::base(address, port));
}

void ListenerController::onFailed(const ListenerFailure &failure) {
    setListeningState(false);
    QString hint;
    switch (failure.reason) {
    case ListenerFailure::Reason::PortInUse:
        hint = QStringLiteral("Port %1 is taken by another program (or another inspector). "
                              "Choose another port in Listener settings, or start with "
                              "--port 0 for a free one.")
                   .arg(m_config.port);
        break;
    case ListenerFailure::Reason::AddressNotHere:
        hint = QStringLiteral("Choose an address of this machine as the bind address in "
                              "Listener settings, or 127.0.0.1.");
        break;
    case ListenerFailure::Reason::PermissionDenied:
        hint = QStringLiteral("Ports below 1024 need privileges: choose a port of 1024 or "
                              "above in Listener settings.");
        break;
    case ListenerFailure::Reason::StoreFailed:
        hint = QStringLiteral("Check that the session file's folder can be written to and has "
                              "free space.");
        break;
    case ListenerFailure::Reason::InvalidConfig:
    case ListenerFailure::Reason::Other:
        hint = QStringLiteral("Check the bind address and port in Listener settings.");
        break;
    }
    const bool busy = failure.reason == ListenerFailure::Reason::PortInUse;
    m_views.bar->setNotListening(QStringLiteral("Not listening"));
    m_views.status->setListenerError(
        busy ? QStringLiteral("port %1 is already in use").arg(m_config.port) : failure.message,
        hint);
    m_views.emptyState->setListenerUrl(QString(), failure.message + QLatin1Char('\n') + hint);
}

void ListenerController::onStopped() {
    setListeningState(false);
    m_views.bar->setNotListening(QStringLiteral("Not listening"));
    m_views.status->setListenerStopped();
    m_views.emptyState->setListenerUrl(QString(), QString());
}

void ListenerController::onSamplesSent(int sent, int failed, const QString &error) {
    m_views.status->showMessage(failed == 0
                                    ? QStringLiteral("Sent %1 sample webhooks").arg(sent)
                                    : QStringLiteral("Sent %1 sample webhooks; %2 failed: %3")
                                          .arg(sent)
                                          .arg(failed)
                                          .arg(error),
                                MessageMs);
    m_views.sendSamples->setEnabled(m_listening);
    Q_EMIT samplesSent(sent, failed);
}

void ListenerController::setListeningState(bool listening) {
    m_listening = listening;
    QAction *listen = m_views.listen;
    listen->setText(listening ? QStringLiteral("Stop &listening")
                              : QStringLiteral("Start &listening"));
    listen->setIconText(listening ? QStringLiteral("Stop") : QStringLiteral("Listen"));
    listen->setIcon(
        Icons::named(listening ? QStringLiteral("listen-stop") : QStringLiteral("listen-start")));
    m_views.sendSamples->setEnabled(listening && !m_samples->isSending());
}

void ListenerController::showListening() {
    const QString base = ListenerUrl::base(m_address, m_port);
    const QString shown = ListenerUrl::withToken(base, m_config.token, false);
    m_views.bar->setListening(m_address, m_port, m_config.token);
    QString detail;
    const QString reach = ListenerUrl::reach(m_address, &detail);
    m_views.status->setListening(shown, reach, detail);
    QStringList notes;
    if (!m_config.token.isEmpty())
        notes << QStringLiteral("Requests must carry the token (masked here): copy the URL "
                                "with it from the copy button's menu in the toolbar.");
    if (!reach.isEmpty())
        notes << detail;
    m_views.emptyState->setListenerUrl(shown, notes.join(QLatin1Char('\n')));
    QString detailBase = base;
    detailBase.chop(1);
    m_views.detail->setListenerUrl(detailBase);
}
