#include "commandline.h"

#include "appinfo.h"
#include "http/bindaddress.h"
#include "http/httplistener.h"
#include "http/httpresponse.h"
#include "http/httpsyntax.h"
#include "http/responserules.h"

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>

#include <sqlite3.h>

namespace {

QString usageError(const QString &message) {
    return QStringLiteral(MWI_EXECUTABLE ": ") + message +
           QStringLiteral("\nTry '" MWI_EXECUTABLE " --help' for more information.");
}

bool parseInt(const QString &text, qint64 min, qint64 max, qint64 *out) {
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        return false;
    *out = value;
    return true;
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
    const ListenerConfig defaults;

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
    const QCommandLineOption bind(
        QStringLiteral("bind"),
        QStringLiteral("Listen on this address (default %1). Use 0.0.0.0 or :: only when other "
                       "machines must reach you.")
            .arg(defaults.bindAddress.toString()),
        QStringLiteral("ADDR"));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QStringLiteral("Listen on this TCP port (default %1; 0 picks a free one and prints it).")
            .arg(ListenerConfig::DefaultPort),
        QStringLiteral("N"));
    const QCommandLineOption token(
        QStringLiteral("token"),
        QStringLiteral("Require ?Token=SECRET on every request, as Mews sends it; others get 401."),
        QStringLiteral("SECRET"));
    const QCommandLineOption maxBody(
        QStringLiteral("max-body"),
        QStringLiteral("Largest accepted body, 1 byte to %1M, e.g. 512K or 32M (default %2); "
                       "larger ones get 413.")
            .arg(ListenerConfig::MaxBodyLimit / ListenerConfig::Mebibyte)
            .arg(ListenerConfig::mebibytes(defaults.maxBodyBytes)),
        QStringLiteral("BYTES"));
    const QCommandLineOption requestTimeout(
        QStringLiteral("request-timeout"),
        QStringLiteral("Seconds a client has to send a whole request, 1 to %1 (default %2); "
                       "then 408.")
            .arg(ListenerConfig::MaxRequestTimeoutSeconds)
            .arg(defaults.requestTimeoutMs / 1000),
        QStringLiteral("SECONDS"));
    const QCommandLineOption maxConnections(
        QStringLiteral("max-connections"),
        QStringLiteral("Open connections allowed at once, 1 to %1 (default %2); more get 503.")
            .arg(ListenerConfig::MaxConnectionsLimit)
            .arg(defaults.maxConnections),
        QStringLiteral("N"));
    const QCommandLineOption responseStatus(
        QStringLiteral("response-status"),
        QStringLiteral("Status code to answer accepted requests with (default 200). A 204 or "
                       "304 is sent without a body."),
        QStringLiteral("CODE"));
    const QCommandLineOption responseBody(
        QStringLiteral("response-body"),
        QStringLiteral(
            "Response body: TEXT, or @FILE to read it from a file (default {\"ok\":true}, "
            "none for a 204 or 304)."),
        QStringLiteral("TEXT|@FILE"));
    const QCommandLineOption responseHeader(
        QStringLiteral("response-header"),
        QStringLiteral("Response header 'Name: value'; repeat for more. Replaces the default "
                       "Content-Type: application/json. Content-Length, Transfer-Encoding, "
                       "Connection and Keep-Alive are the listener's own and refused."),
        QStringLiteral("HEADER"));
    const QCommandLineOption responseDelay(
        QStringLiteral("response-delay"),
        QStringLiteral("Milliseconds to wait before answering, 0 to %1 (default 0; Mews gives "
                       "up after 5000).")
            .arg(ListenerConfig::MaxResponseDelayMs),
        QStringLiteral("MS"));
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

    parser.addOptions({help,         version,        headless,       bind,           port,
                       token,        maxBody,        requestTimeout, maxConnections, responseStatus,
                       responseBody, responseHeader, responseDelay,  format,         reveal,
                       session,      open,           exportHar,      exportJsonl,    importHar,
                       salvage});
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

    ListenerConfig &listener = options.listener;
    if (parser.isSet(bind)) {
        const QString text = parser.value(bind);
        if (!listener.bindAddress.setAddress(text))
            return fail(QStringLiteral("--bind: '%1' is not an IP address").arg(text));
        if (const QString problem = BindAddress::problem(listener.bindAddress); !problem.isEmpty())
            return fail(QStringLiteral("--bind: ") + problem);
        options.bindGiven = true;
    }
    qint64 number = 0;
    if (parser.isSet(port)) {
        if (!parseInt(parser.value(port), 0, 65535, &number))
            return fail(QStringLiteral("--port: '%1' is not a port number (0-65535)")
                            .arg(parser.value(port)));
        listener.port = quint16(number);
        options.portGiven = true;
    }
    if (parser.isSet(token)) {
        listener.token = parser.value(token);
        if (listener.token.isEmpty())
            return fail(QStringLiteral("--token: the token must not be empty"));
        options.tokenGiven = true;
    }
    if (parser.isSet(maxBody)) {
        const qint64 bytes = parseByteSize(parser.value(maxBody));
        // 0 would answer every request that has a body with 413: a receiver that refuses
        // every webhook.
        if (bytes < 1)
            return fail(QStringLiteral("--max-body: '%1' is not a size of 1 byte or more, like "
                                       "1048576, 512K or 32M")
                            .arg(parser.value(maxBody)));
        if (bytes > ListenerConfig::MaxBodyLimit)
            return fail(QStringLiteral("--max-body: '%1' is more than %2M, the largest body a "
                                       "session file can keep")
                            .arg(parser.value(maxBody))
                            .arg(ListenerConfig::MaxBodyLimit / ListenerConfig::Mebibyte));
        listener.maxBodyBytes = bytes;
        options.maxBodyGiven = true;
    }
    if (parser.isSet(requestTimeout)) {
        if (!parseInt(parser.value(requestTimeout), 1, ListenerConfig::MaxRequestTimeoutSeconds,
                      &number))
            return fail(QStringLiteral("--request-timeout: '%1' is not a number of seconds (1-%2)")
                            .arg(parser.value(requestTimeout))
                            .arg(ListenerConfig::MaxRequestTimeoutSeconds));
        listener.requestTimeoutMs = int(number * 1000);
    }
    if (parser.isSet(maxConnections)) {
        if (!parseInt(parser.value(maxConnections), 1, ListenerConfig::MaxConnectionsLimit,
                      &number))
            return fail(QStringLiteral("--max-connections: '%1' is not a number (1-%2)")
                            .arg(parser.value(maxConnections))
                            .arg(ListenerConfig::MaxConnectionsLimit));
        listener.maxConnections = int(number);
    }
    if (parser.isSet(responseStatus)) {
        if (!parseInt(parser.value(responseStatus), 100, 599, &number) || number < 200)
            return fail(
                QStringLiteral("--response-status: '%1' is not a final HTTP status (200-599)")
                    .arg(parser.value(responseStatus)));
        listener.response.status = int(number);
    }
    if (parser.isSet(responseBody)) {
        const QString text = parser.value(responseBody);
        if (text.startsWith(QLatin1Char('@'))) {
            QFile file(text.mid(1));
            if (!file.open(QIODevice::ReadOnly))
                return fail(QStringLiteral("--response-body: cannot read '%1': %2")
                                .arg(file.fileName(), file.errorString()));
            listener.response.body = file.read(ListenerConfig::MaxResponseBodyBytes + 1);
        } else {
            listener.response.body = text.toUtf8();
        }
        if (listener.response.body.size() > ListenerConfig::MaxResponseBodyBytes)
            return fail(QStringLiteral("--response-body: the body is larger than %1, the most the "
                                       "app answers with")
                            .arg(ListenerConfig::mebibytes(ListenerConfig::MaxResponseBodyBytes)));
    }
    if (parser.isSet(responseHeader)) {
        listener.response.headers.clear();
        for (const QString &header : parser.values(responseHeader)) {
            const qsizetype colon = header.indexOf(QLatin1Char(':'));
            const QByteArray name = header.left(colon).trimmed().toLatin1();
            if (colon <= 0 || !HttpSyntax::isToken(name) || header.contains(QLatin1Char('\r')) ||
                header.contains(QLatin1Char('\n')))
                return fail(
                    QStringLiteral("--response-header: '%1' is not 'Name: value'").arg(header));
            listener.response.headers.append({name, header.mid(colon + 1).trimmed().toUtf8()});
            const QString owned = ResponseRules::checkHeaders({listener.response.headers.last()});
            if (!owned.isEmpty())
                return fail(QStringLiteral("--response-header: '%1': %2").arg(header, owned));
        }
    }
    if (HttpResponse::forbidsBody(listener.response.status)) {
        // A 204 or 304 has no body: the default one is left out (with the Content-Type
        // that describes it); one the user gave is an error.
        const int status = listener.response.status;
        if (parser.isSet(responseBody) && !listener.response.body.isEmpty())
            return fail(QStringLiteral("--response-body: a %1 response cannot have a body; leave "
                                       "--response-body out")
                            .arg(status));
        listener.response.body.clear();
        if (!parser.isSet(responseHeader))
            listener.response.headers.clear();
    }
    if (parser.isSet(responseDelay)) {
        if (!parseInt(parser.value(responseDelay), 0, ListenerConfig::MaxResponseDelayMs, &number))
            return fail(
                QStringLiteral("--response-delay: '%1' is not a number of milliseconds (0-%2)")
                    .arg(parser.value(responseDelay))
                    .arg(ListenerConfig::MaxResponseDelayMs));
        listener.response.delayMs = int(number);
    }
    // Anything else the listener would refuse only once it starts is refused here, as an
    // invalid option (status 2) rather than a failed run.
    if (const QString problem = HttpListener::checkConfig(listener); !problem.isEmpty())
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
    for (const QCommandLineOption *listenerOption :
         {&bind, &port, &token, &maxBody, &requestTimeout, &maxConnections, &responseStatus,
          &responseBody, &responseHeader, &responseDelay}) {
        if (parser.isSet(*listenerOption)) {
            return fail(QStringLiteral("--%1: nothing listens with %2; leave --%1 out")
                            .arg(listenerOption->names().constFirst(), job));
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
