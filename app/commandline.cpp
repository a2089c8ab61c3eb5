#include "commandline.h"

#include "appinfo.h"
#include "listeneroptions.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <sqlite3.h>

namespace {

QString usageError(const QString &message) {
    return QStringLiteral(MWI_EXECUTABLE ": ") + message +
           QStringLiteral("\nTry '" MWI_EXECUTABLE " --help' for more information.");
}

} // namespace

qint64 parseByteSize(const QString &text) {
    static const QRegularExpression pattern(
        QStringLiteral("^\\s*(\\d+)\\s*([kKmMgG]?)(i?[bB])?\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return -1;
    bool ok = false;
    qint64 value = match.captured(1).toLongLong(&ok);
    if (!ok)
        return -1;
    const QString unit = match.captured(2).toLower();
    const int shift = unit == QLatin1String("k")   ? 10
                      : unit == QLatin1String("m") ? 20
                      : unit == QLatin1String("g") ? 30
                                                   : 0;
    if (value > (std::numeric_limits<qint64>::max() >> shift))
        return -1;
    return value << shift;
}

CommandLineResult parseCommandLine(const QStringList &arguments) {
    CommandLineResult result;
    CommandLineOptions &options = result.options;

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Mews Webhook Inspector " MWI_VERSION
        " - listen for Mews webhooks on a local port, decode them and check them\n"
        "against the published contract. Opens a window when a display is available;\n"
        "--headless prints one line per capture instead (like tshark beside Wireshark)."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);

    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Show the version and exit."));
    const QCommandLineOption headless(
        QStringLiteral("headless"),
        QStringLiteral("Capture without a window; print captures on stdout, the "
                       "listening address on stderr."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Headless output: text (default) or jsonl."),
                                    QStringLiteral("text|jsonl"));
    const QCommandLineOption reveal(
        QStringLiteral("reveal-secrets"),
        QStringLiteral("Print access tokens, API keys and the URL token in "
                       "full instead of masking them."));
    const QCommandLineOption session(
        QStringLiteral("session"),
        QStringLiteral("Capture into (or import into) this session file."), QStringLiteral("FILE"));
    const QCommandLineOption open(
        QStringLiteral("open"),
        QStringLiteral("Open this session file (with --export-* converts it "
                       "without listening)."),
        QStringLiteral("FILE"));
    const QCommandLineOption exportHar(
        QStringLiteral("export-har"), QStringLiteral("With --open: write the captures as HAR 1.2."),
        QStringLiteral("OUT"));
    const QCommandLineOption exportJsonl(
        QStringLiteral("export-jsonl"),
        QStringLiteral("With --open: write the captures as JSON Lines."), QStringLiteral("OUT"));
    const QCommandLineOption importHar(
        QStringLiteral("import-har"),
        QStringLiteral("With --session: add the requests of a HAR file "
                       "to that session."),
        QStringLiteral("IN"));

    const QCommandLineOption salvage(
        QStringLiteral("salvage"),
        QStringLiteral("With --open: copy what can still be read of a damaged session file "
                       "into a new one."),
        QStringLiteral("OUT"));

    parser.addOptions({help, version, headless});
    const ListenerOptions listenerOptions;
    parser.addOptions(listenerOptions.all());
    parser.addOptions({format, reveal, session, open, exportHar, exportJsonl, importHar, salvage});
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QStringLiteral("Session or HAR files to open in the window."),
                                 QStringLiteral("[files...]"));

    auto fail = [&](const QString &message) {
        result.action = CommandLineResult::Action::ExitError;
        result.output = usageError(message);
        return result;
    };

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        result.action = CommandLineResult::Action::ExitOk;
        result.output = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.action = CommandLineResult::Action::ExitOk;
        // The libraries that matter for a bug report, as loaded at run time.
        result.output = QStringLiteral(MWI_EXECUTABLE " " MWI_VERSION "\nQt ") +
                        QLatin1String(qVersion()) + QStringLiteral(", SQLite ") +
                        QLatin1String(sqlite3_libversion()) + QLatin1Char('\n');
        return result;
    }

    if (const QString problem = listenerOptions.read(parser, &options); !problem.isEmpty())
        return fail(problem);
    if (parser.isSet(format)) {
        const QString value = parser.value(format);
        if (value == QLatin1String("jsonl"))
            options.format = CommandLineOptions::Format::Jsonl;
        else if (value != QLatin1String("text"))
            return fail(QStringLiteral("--format: '%1' is not text or jsonl").arg(value));
    }
    options.revealSecrets = parser.isSet(reveal);
    // An empty file name ("--export-jsonl ''" from an unset shell variable) would otherwise
    // read as the option left out, and start a listener instead of converting.
    for (const QCommandLineOption *fileOption :
         {&session, &open, &exportHar, &exportJsonl, &importHar, &salvage}) {
        if (parser.isSet(*fileOption) && parser.value(*fileOption).isEmpty()) {
            return fail(
                QStringLiteral("--%1 needs a file name").arg(fileOption->names().constFirst()));
        }
    }
    options.sessionFile = parser.value(session);
    options.openFile = parser.value(open);
    options.exportHar = parser.value(exportHar);
    options.exportJsonl = parser.value(exportJsonl);
    options.importHar = parser.value(importHar);
    options.salvageTo = parser.value(salvage);
    options.positional = parser.positionalArguments();

    const bool converting = !options.exportHar.isEmpty() || !options.exportJsonl.isEmpty();
    if (converting && options.openFile.isEmpty())
        return fail(QStringLiteral("--export-har and --export-jsonl need --open FILE"));
    if (!options.salvageTo.isEmpty() && (options.openFile.isEmpty() || converting))
        return fail(QStringLiteral("--salvage needs --open FILE, and no --export-*"));
    if (!options.importHar.isEmpty() && options.sessionFile.isEmpty())
        return fail(QStringLiteral("--import-har needs --session FILE to import into"));

    if (!options.exportHar.isEmpty() && options.exportHar == options.exportJsonl) {
        return fail(options.exportHar == QLatin1String("-")
                        ? QStringLiteral("only one of --export-har and --export-jsonl can write "
                                         "to standard output (-)")
                        : QStringLiteral("--export-har and --export-jsonl name the same file"));
    }

    // --headless --open FILE prints a saved session, like tshark -r.
    const bool printing = parser.isSet(headless) && !options.openFile.isEmpty();
    // Only the window opens files named without an option; anywhere else one would be
    // ignored (a capture into a file of its own choosing, say).
    const bool windowless = converting || printing || parser.isSet(headless) ||
                            !options.importHar.isEmpty() || !options.salvageTo.isEmpty();
    if (windowless && !options.positional.isEmpty()) {
        const QString file = options.positional.constFirst();
        return fail(QStringLiteral("'%1': without the window, a file needs an option: "
                                   "--session %1 to capture into it, or --open %1 to read it")
                        .arg(file));
    }
    if (converting || printing || !options.importHar.isEmpty() || !options.salvageTo.isEmpty())
        options.mode = CommandLineOptions::Mode::Convert;
    else if (parser.isSet(headless))
        options.mode = CommandLineOptions::Mode::Headless;
    if (options.mode != CommandLineOptions::Mode::Convert)
        return result;

    // A job that does not listen refuses what it would ignore: a script that passes
    // --port or --session to it means something this run would not do.
    const bool printout = !converting && options.importHar.isEmpty() && options.salvageTo.isEmpty();
    const QString job = !options.importHar.isEmpty()   ? QStringLiteral("--import-har")
                        : !options.salvageTo.isEmpty() ? QStringLiteral("--salvage")
                        : printout                     ? QStringLiteral("--headless --open")
                        : options.exportHar.isEmpty()  ? QStringLiteral("--export-jsonl")
                                                       : QStringLiteral("--export-har");
    for (const QCommandLineOption &listenerOption : listenerOptions.all()) {
        if (parser.isSet(listenerOption)) {
            return fail(QStringLiteral("--%1: nothing listens with %2; leave --%1 out")
                            .arg(listenerOption.names().constFirst(), job));
        }
    }
    if (!options.importHar.isEmpty() && !options.openFile.isEmpty())
        return fail(QStringLiteral("--open: --import-har adds to the --session file and reads no "
                                   "other session; leave --open out"));
    if (options.importHar.isEmpty() && !options.sessionFile.isEmpty())
        return fail(QStringLiteral("--session: %1 reads the --open file and records into none; "
                                   "leave --session out")
                        .arg(job));
    if (!printout && parser.isSet(format))
        return fail(QStringLiteral("--format: only the printout of --headless --open has a format, "
                                   "not %1; leave --format out")
                        .arg(job));
    return result;
}
