#pragma once

#include "commandline.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

/**
 * The command-line options that set up the listener (--bind to --response-delay): what
 * --help says of each, and reading the ones given into CommandLineOptions::listener.
 *
 * They are one group because they mean something only where a listener starts: the
 * window and --headless. parseCommandLine() refuses them with any other job.
 */
class ListenerOptions {
public:
    ListenerOptions();

    /// The options in the order --help lists them.
    QList<QCommandLineOption> all() const;

    /// Reads the options given into options->listener and notes which were given; returns
    /// what is wrong with the first that is invalid, or with the listener configuration
    /// they make, or an empty string.
    QString read(const QCommandLineParser &parser, CommandLineOptions *options) const;

private:
    explicit ListenerOptions(const ListenerConfig &defaults);

    QCommandLineOption m_bind;
    QCommandLineOption m_port;
    QCommandLineOption m_token;
    QCommandLineOption m_maxBody;
    QCommandLineOption m_requestTimeout;
    QCommandLineOption m_maxConnections;
    QCommandLineOption m_responseStatus;
    QCommandLineOption m_responseBody;
    QCommandLineOption m_responseHeader;
    QCommandLineOption m_responseDelay;
};
