#pragma once

#include "eventindex.h"

#include <QByteArrayView>
#include <QString>

/**
 * How an EventIndexRow holds its entity id: a GUID as its 16 bytes and its letter case,
 * so that it comes back exactly as sent, and any other id as a StringPool index in the
 * first four bytes.
 */
namespace EntityKey {

/// Packs a GUID written 8-4-4-4-12 in one letter case into row; false for anything else
/// (mixed case would not come back as sent), and row is then unchanged.
bool packGuid(QByteArrayView text, EventIndexRow &row);
/// The GUID of a row that holds one, in the letter case it was sent in.
QString guidText(const EventIndexRow &row);
/// Keeps a StringPool index in place of a GUID.
void setString(EventIndexRow &row, quint32 string);
/// The StringPool index of a row that holds no GUID (0: no id).
quint32 string(const EventIndexRow &row);
/// Whether two rows name the same entity, written the same way.
bool same(const EventIndexRow &a, const EventIndexRow &b);

} // namespace EntityKey
