#pragma once

#include <Qt>

/**
 * Item data roles the detail models (JSON tree, headers, findings, entity form,
 * entity history) share, so one decoration proxy in the ui serves them all.
 * Core models hold no colours or icons: these semantic roles say what a row is,
 * and the view decides how it looks.
 */
namespace DetailRoles {

enum Role : int {
    SortRole = Qt::UserRole, ///< raw value to sort by (times, sizes, severities)
    PathRole,                ///< QString: the JSON path of the row ("Data.AccessToken")
    /// int(FindingSeverity) of the worst contract finding at or under the row;
    /// an invalid QVariant when there is none
    FindingSeverityRole,
    FindingMessagesRole, ///< QStringList: the findings at exactly this row
    SecretRole,          ///< bool: the value is secret (masked unless revealed)
    /// int(FindingSeverity) of the worst finding at exactly this row; invalid when none
    OwnFindingSeverityRole,
    FirstModelRole = Qt::UserRole + 32, ///< models number their own roles from here
};

} // namespace DetailRoles
