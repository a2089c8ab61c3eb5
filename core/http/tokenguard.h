#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

/**
 * Checks the shared secret Mews appends to the webhook URL as the query parameter
 * "Token" (REFERENCE.md §1). Comparison takes the same time whatever the guess: both
 * sides are hashed with SHA-256 and the digests compared without an early exit, so
 * neither the content nor the length of the secret leaks through timing.
 *
 * The secret is never printed; Secrets::maskWhole() shows it in messages.
 */
class TokenGuard {
public:
    enum class Verdict { Admitted, Missing, Wrong };

    TokenGuard() = default;
    /// An empty token admits every request.
    explicit TokenGuard(const QString &token);

    bool isEnabled() const { return !m_digest.isEmpty(); }
    /// Looks for Token=<value> in the query of a request-target (percent-decoded).
    Verdict check(QByteArrayView target) const;
    /// Short plain-text reason for a verdict other than Admitted.
    static QByteArray reason(Verdict verdict);

private:
    QByteArray m_digest;
};
