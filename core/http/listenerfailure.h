#pragma once

#include <QMetaType>
#include <QString>

/// Why the listener could not start (or start again with new settings), with what to tell
/// people. The reason lets a front end say which option or setting gets past it.
struct ListenerFailure {
    enum class Reason : quint8 {
        InvalidConfig,    ///< a setting the listener refuses (HttpListener::checkConfig)
        PortInUse,        ///< another socket holds the port
        AddressNotHere,   ///< the bind address is not one of this machine's
        PermissionDenied, ///< the system does not allow it, e.g. a port below 1024
        StoreFailed,      ///< the capture store (session file) could not be opened
        Other,
    };

    Reason reason = Reason::Other;
    QString message; ///< one line, "Cannot listen on 127.0.0.1:8089: ..."

    friend bool operator==(const ListenerFailure &, const ListenerFailure &) = default;
};

Q_DECLARE_METATYPE(ListenerFailure)
