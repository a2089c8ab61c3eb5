#pragma once

#include "http/listenerconfig.h"

#include <QString>
#include <QStringList>

/// What the user asked for on the command line.
struct CommandLineOptions {
    enum class Mode { Gui, Headless, Convert };
    enum class Format { Text, Jsonl };

    Mode mode = Mode::Gui;
    Format format = Format::Text;
    ListenerConfig listener;
    /// Which listener settings were given explicitly (they override saved GUI settings).
    bool bindGiven = false;
    bool portGiven = false;
    bool tokenGiven = false;
    bool maxBodyGiven = false;
    bool revealSecrets = false;

    QString sessionFile; ///< --session: capture into / import into this file
    QString openFile;    ///< --open: read this session (with --export-*) or show it in the window
    QString exportHar;   ///< --export-har OUT
    QString exportJsonl; ///< --export-jsonl OUT
    QString importHar;   ///< --import-har IN (needs --session)
    QString salvageTo;   ///< --salvage OUT: copy what still reads of the --open file
    QStringList positional; ///< files given without an option (the window opens them)
};

/// The result of parsing: options, or an exit with text for stdout (help, version) or stderr
/// (errors).
struct CommandLineResult {
    enum class Action { Run, ExitOk, ExitError };
    Action action = Action::Run;
    CommandLineOptions options;
    QString output; ///< help or version text (Action::ExitOk) or a one-line error (ExitError)
};

/// Parses argv the same way for the window and for headless mode.
CommandLineResult parseCommandLine(const QStringList &arguments);

/// Parses "32M", "512K", "1048576", "2GiB" into bytes; -1 if invalid.
qint64 parseByteSize(const QString &text);
