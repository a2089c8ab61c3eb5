#include "windowlauncher.h"

#include "session/capturepipeline.h"

#include <QApplication>
#include <QLabel>

// Interim window until the inspector window lands: shows where the listener is.
int runWindow(const CommandLineOptions &options) {
    CapturePipeline pipeline;
    QLabel label(QStringLiteral("Starting the listener…"));
    label.setMinimumSize(480, 120);
    label.setAlignment(Qt::AlignCenter);
    QObject::connect(
        &pipeline, &CapturePipeline::listening, &label,
        [&label](const QHostAddress &address, quint16 port) {
            label.setText(
                QStringLiteral("Listening on http://%1:%2/").arg(address.toString()).arg(port));
        });
    QObject::connect(&pipeline, &CapturePipeline::listenerFailed, &label,
                     [&label](const QString &message) { label.setText(message); });
    QObject::connect(&pipeline, &CapturePipeline::sessionOpened, &pipeline,
                     [&pipeline, &options] { pipeline.startListening(options.listener); });
    pipeline.openSession(options.sessionFile.isEmpty() ? QStringLiteral("untitled.mwsession")
                                                       : options.sessionFile);
    label.show();
    return QApplication::exec();
}
