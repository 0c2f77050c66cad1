/* err.c: the table behind err.h. One row per code, in enum order. */
#include "base/err.h"

static const struct {
	const char *name;     /* stable English code */
	const char *message;  /* Vietnamese, for people */
	int http;             /* HTTP status */
	int exit;             /* command-line exit status */
} table[PH_ECOUNT] = {
	[PH_OK]         = {"ok", "Thành công.", 200, 0},
	[PH_ENOMEM]     = {"out_of_memory", "Hệ thống hết bộ nhớ.", 500, 2},
	[PH_EUSAGE]     = {"usage", "Cách dùng lệnh không đúng.", 400, 1},
	[PH_EINVAL]     = {"invalid_value", "Giá trị không hợp lệ.", 422, 1},
	[PH_EIO]        = {"io_error", "Không đọc hoặc ghi được tệp.", 500, 1},
	[PH_EEMPTY]     = {"empty_input", "Tệp không có nội dung.", 422, 1},
	[PH_EUTF8]      = {"invalid_utf8", "Tệp không phải văn bản UTF-8 hợp lệ.", 422, 1},
	[PH_EBINARY]    = {"binary_input", "Tệp là tệp nhị phân, không phải văn bản.", 422, 1},
	[PH_ETOOBIG]    = {"input_too_large", "Dữ liệu gửi lên hoặc cần xử lý vượt quá giới hạn cho phép.", 413, 1},
	[PH_EFORMAT]    = {"unreadable_document", "Không nhận dạng được văn bản.", 422, 1},
	[PH_EDB]        = {"database_error", "Lỗi cơ sở dữ liệu.", 500, 2},
	[PH_ENOTFOUND]  = {"not_found", "Không tìm thấy.", 404, 1},
	[PH_EDUPLICATE] = {"duplicate", "Đã tồn tại.", 409, 1},
	[PH_ESCHEMA]    = {"schema_too_new", "Cơ sở dữ liệu được tạo bởi phiên bản mới hơn.", 500, 2},
	[PH_EAMBIGUOUS] = {"ambiguous", "Tên khớp với nhiều đối tượng.", 409, 1},
	[PH_EREVIEW]    = {"review_required", "Có nội dung chưa đọc được, cần người kiểm tra trước khi ghi.", 422, 1},
	[PH_EUNAUTH]    = {"unauthorized", "Cần đăng nhập, hoặc tên đăng nhập hay mật khẩu không đúng.", 401, 1},
	[PH_EFORBIDDEN] = {"forbidden", "Tài khoản của bạn không có quyền thực hiện việc này.", 403, 1},
	[PH_ECSRF]      = {"csrf_token_invalid", "Phiên làm việc của biểu mẫu đã hết hạn. Hãy tải lại trang và thử lại.", 403, 1},
	[PH_ERATE]      = {"too_many_attempts", "Đăng nhập sai quá nhiều lần. Hãy thử lại sau một giờ, hoặc đăng nhập từ máy đã dùng trước đây, hoặc nhờ quản trị viên mở khóa tài khoản.", 429, 1},
	[PH_EMETHOD]    = {"method_not_allowed", "Phương thức không được hỗ trợ ở địa chỉ này.", 405, 1},
	[PH_EBADREQ]    = {"bad_request", "Yêu cầu không hợp lệ.", 400, 1},
	[PH_ECONFLICT]  = {"conflict", "Thay đổi xung đột với dữ liệu hiện có.", 409, 1},
	[PH_EBUSY]      = {"busy", "Hệ thống đang bận ghi dữ liệu khác. Hãy thử lại sau ít giây.", 503, 1},
	[PH_EMEDIA]     = {"unsupported_media_type", "Kiểu dữ liệu gửi lên không được chấp nhận ở địa chỉ này.", 415, 1},
	[PH_EINTERNAL]  = {"internal_error", "Lỗi nội bộ của hệ thống. Hãy thử lại hoặc báo cho quản trị viên.", 500, 2},
	[PH_EREADONLY]  = {"read_only", "Cơ sở dữ liệu đang ở chế độ chỉ đọc nên không ghi được thay đổi.", 503, 1},
	[PH_ESCHEMAOLD] = {"schema_outdated", "Cơ sở dữ liệu được tạo bởi phiên bản cũ hơn và cần được nâng cấp.", 500, 1},
	[PH_EENCRYPTED] = {"encrypted_document", "Tệp được đặt mật khẩu nên không đọc được. Hãy gỡ mật khẩu rồi tải lên lại.", 422, 1},
	[PH_ESCANNED]   = {"scanned_document", "Tệp PDF là ảnh quét, không có lớp chữ để đọc. Hãy dùng bản Word hoặc bản PDF xuất từ Word.", 422, 1},
	[PH_ENOCONVERTER] = {"converter_missing", "Máy chủ chưa cài LibreOffice nên chưa đọc được tệp .doc. Hãy lưu tệp thành .docx rồi tải lên, hoặc nhờ quản trị viên cài LibreOffice.", 422, 1},
	[PH_ETIMEOUT]   = {"timeout", "Đọc tệp mất quá nhiều thời gian nên đã dừng. Hãy kiểm tra tệp hoặc chia thành nhiều phần.", 422, 1},
};

static int valid(int code) { return code >= 0 && code < PH_ECOUNT && table[code].name; }

const char *err_name(int code) { return valid(code) ? table[code].name : "internal_error"; }
const char *err_message(int code) { return valid(code) ? table[code].message : "Lỗi nội bộ."; }
int err_http(int code) { return valid(code) ? table[code].http : 500; }
int err_exit_status(int code) { return valid(code) ? table[code].exit : 2; }
