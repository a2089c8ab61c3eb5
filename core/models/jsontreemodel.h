#pragma once

#include "detailroles.h"
#include "findingindex.h"
#include "jsonbody.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

/**
 * A capture's body as a tree of JSON members and elements, for the detail pane's
 * JSON tree: key, value and type columns.
 *
 * Rows are created only when a view asks for them, so a 32 MiB body costs one row
 * object per row shown, not per JSON value. Secret values (Secrets::isSecretKey on
 * any member of the path) are masked until setSecretsRevealed(true). Each row knows
 * its JSON path and the worst contract finding at or under it. A body read leniently
 * (invalid JSON) is marked: isLenient().
 *
 * Object members appear in the order QJsonObject keeps them (sorted by key, a
 * repeated key once); the Raw view shows the exact text.
 */
class JsonTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        PathRole = DetailRoles::PathRole,
        FindingSeverityRole = DetailRoles::FindingSeverityRole,
        FindingMessagesRole = DetailRoles::FindingMessagesRole,
        OwnFindingSeverityRole = DetailRoles::OwnFindingSeverityRole,
        SecretRole = DetailRoles::SecretRole,
        /// QString: the whole value for the clipboard (masked unless revealed)
        CopyTextRole = DetailRoles::FirstModelRole,
        JsonTypeRole,     ///< QString: "object", "string", ...
        ContractTypeRole, ///< QString: the contract's type label ("UTC timestamp"), if known
    };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    /// Shows a body (read with JsonBody::read, possibly on another thread) and its findings.
    void setBody(const JsonBody &body, const QList<ContractFinding> &findings);
    /// The same with the findings already indexed (cheap to copy; build it off the GUI thread).
    void setBody(const JsonBody &body, const FindingIndex &findings);
    void clear();
    const JsonBody &body() const { return m_body; }
    bool isLenient() const { return m_body.isLenient(); }

    void setSecretsRevealed(bool revealed);
    bool secretsRevealed() const { return m_revealed; }

    /// The row of the value at `path` (column 0). When the path goes past what the
    /// body holds (a missing member), the deepest row on the way, with *exact false;
    /// an invalid index when not even the first step exists.
    QModelIndex indexForPath(const QString &path, bool *exact = nullptr) const;
    QString pathOf(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node;

    Node *nodeOf(const QModelIndex &index) const;
    Node *child(Node *parent, int row) const;
    int childCount(const Node *node) const;
    void loadContract(Node *node) const;
    QString valueText(const Node *node) const;

    JsonBody m_body;
    FindingIndex m_findings;
    std::unique_ptr<Node> m_root;
    bool m_revealed = false;
    mutable std::vector<Node *> m_secretNodes; ///< created rows that are secret
};
