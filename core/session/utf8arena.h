#pragma once

#include <QByteArrayView>
#include <QStringView>
#include <QVarLengthArray>

/**
 * UTF-8 copies of a few short strings in one buffer, as views, without a heap allocation
 * each. The index works on UTF-8 (as the session file gives it), and converting a live
 * capture's strings with QString::toUtf8() cost one allocation and one free per string,
 * about 40 for a General webhook of 9 events: a tenth of the GUI thread's time under load.
 *
 * The capacity is fixed when it is made (capacityFor() of every string it will hold), so
 * the buffer never moves and every view stays valid while the arena lives.
 */
class Utf8Arena {
public:
    /// Bytes that the UTF-8 of text needs at most (three per UTF-16 code unit).
    static constexpr qsizetype capacityFor(QStringView text) { return 3 * text.size(); }

    explicit Utf8Arena(qsizetype capacity) { m_bytes.reserve(capacity); }
    Utf8Arena(const Utf8Arena &) = delete;
    Utf8Arena &operator=(const Utf8Arena &) = delete;

    /// text in UTF-8 (invalid UTF-16 as QString::toUtf8() writes it); empty text gives an
    /// empty view. Within the capacity given; beyond it, the buffer would move.
    QByteArrayView add(QStringView text);

    qsizetype size() const { return m_bytes.size(); }

private:
    QVarLengthArray<char, 2048> m_bytes;
};
