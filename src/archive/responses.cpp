// The responses table: upserts by custom_id and reads in import order.
#include "pubforge/archive/responses.hpp"

namespace pubforge::archive {

void put_response(Archive& archive, const Response& r) {
    archive.db()
        .prepare("INSERT INTO responses (custom_id, article_id, figure_id, subfigure_id, task, model, payload, status) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(custom_id) DO UPDATE SET article_id = excluded.article_id, "
                 "figure_id = excluded.figure_id, subfigure_id = excluded.subfigure_id, task = excluded.task, "
                 "model = excluded.model, payload = excluded.payload, status = excluded.status, extra = NULL")
        .bind_all(r.custom_id, r.article_id, r.figure_id.empty() ? nlohmann::json() : nlohmann::json(r.figure_id),
                  r.subfigure_id ? nlohmann::json(*r.subfigure_id) : nlohmann::json(), r.task, r.model,
                  r.payload.dump(), r.status)
        .run();
}

bool has_article(Archive& archive, const std::string& article_id) {
    Statement find = archive.db().prepare("SELECT 1 FROM articles WHERE id = ?");
    find.bind(1, article_id);
    return find.step();
}

std::vector<Response> list_responses(Archive& archive, const std::string& task) {
    Statement select = archive.db().prepare(
        "SELECT custom_id, article_id, figure_id, subfigure_id, task, model, payload, status FROM responses "
        "WHERE ?1 = '' OR task = ?1 ORDER BY id");
    select.bind(1, task);
    std::vector<Response> out;
    while (select.step()) {
        Response r;
        r.custom_id = select.column_text(0);
        r.article_id = select.column_text(1);
        r.figure_id = select.column_text(2);
        if (!select.is_null(3)) r.subfigure_id = select.column_text(3);
        r.task = select.column_text(4);
        r.model = select.column_text(5);
        r.payload = select.is_null(6) ? nlohmann::json() : nlohmann::json::parse(select.column_text(6));
        r.status = select.column_text(7);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace pubforge::archive
