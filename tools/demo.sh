#!/usr/bin/env bash
# The demo command: installs what is missing, builds, creates a fresh demo
# database (demo.db) from the documents in demo/, adds demo accounts,
# prints how to sign in, and serves the web interface until Ctrl+C.
#   PHOIHOP_DB      database file (default demo.db)
#   PHOIHOP_LISTEN  address to serve on (default 127.0.0.1:8080)
#   PHOIHOP_NOSERVE=1  prepare the database and stop (for scripts)
set -eu
cd "$(dirname "$0")/.."
tools/setup.sh
make -j"$(nproc 2>/dev/null || echo 2)" build/phoihop >/dev/null
db=${PHOIHOP_DB:-demo.db}
listen=${PHOIHOP_LISTEN:-127.0.0.1:8080}
rm -f "$db" "$db-wal" "$db-shm"
bin=build/phoihop
$bin --db "$db" init
# The demo documents are ours and reviewed: --confirm keeps their review
# items with the documents instead of stopping.
$bin --db "$db" import --confirm demo/2*.txt demo/2*.md
echo
$bin --db "$db" plans
# Demo accounts. The password is public: this database is for trying out.
pw=demo-phoihop
adduser() { # LOGIN NAME UNIT ROLE
	printf '%s\n' "$pw" | $bin --db "$db" user add "$1" --name "$2" --unit "$3" --role "$4" >/dev/null
}
adduser dieuphoi "Nguyễn Thị Hoa" laocai.ubnd coordinator
adduser hoiphunu "Vàng Thị Mai" laocai.hlhpn editor
adduser tinhdoan "Lò Văn Minh" laocai.tinhdoan editor
adduser xem "Trần Thu Hà" laocai.hnd viewer
adduser quantri "Phạm Quốc Anh" laocai.ubnd admin
cat <<MSG

Cơ sở dữ liệu demo: $db
Mở trình duyệt: http://$listen/
Đăng nhập (mật khẩu chung: $pw):
  dieuphoi  điều phối, UBND tỉnh Lào Cai (thấy và nhập kế hoạch cho các đơn vị cấp dưới)
  hoiphunu  biên tập, Hội LHPN tỉnh (cập nhật nhiệm vụ của đơn vị mình)
  tinhdoan  biên tập, Tỉnh đoàn Lào Cai
  xem       chỉ xem, Hội Nông dân tỉnh
  quantri   quản trị
API: curl -s -X POST -H 'Content-Type: application/json' \\
       -d '{"login":"dieuphoi","password":"$pw"}' http://$listen/api/v1/session
MSG
[ "${PHOIHOP_NOSERVE:-}" = 1 ] && exit 0
exec $bin --db "$db" serve --listen "$listen"
